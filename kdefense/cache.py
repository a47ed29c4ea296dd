"""A cache of the parsed and validated dataset, so repeated commands skip YAML.

- Keyed by the file's real path, size, modification and change times (ns),
  inode and device, the kdefense version and a digest of kdefense's own code:
  an edited file, or other code (a new release, a checkout between releases,
  a local change: any package file's size or modification time), means a
  rebuild, never an answer from someone else's data.
- A file changed within the last two seconds is not cached: on file systems
  with coarse timestamps a second edit in the same tick could otherwise go
  unnoticed (the same "racy" rule git uses).
- Stored with `marshal` as plain tuples (no pickle: loading a cache can never
  run code), each record as its own marshal blob so that a query unpacks only
  the records it selects, behind a header with a CRC-32 of the payload. The
  tuples come from the record classes' own field declarations (models.py), so
  a new field cannot be forgotten here.
- A damaged, truncated, foreign or undecodable cache is a miss: ignored and
  rebuilt. A record that fails to decode later, when a query first touches
  it, raises `Undecodable`; dataset.with_index() then drops the cache and
  answers from the file.
- Written atomically (temporary file + rename) in a per-user folder (0700):
  `$KDEFENSE_CACHE_DIR`, else `$XDG_CACHE_HOME/kdefense`, else `~/.cache/kdefense`.
- Switched off by `KDEFENSE_NO_CACHE=1`. Failing to write is never an error.
"""

from __future__ import annotations

import marshal
import os
import stat
import time
import zlib
from functools import lru_cache
from pathlib import Path

from . import __version__
from .index import end_lookups, lookups_of
from .models import Agreement, Dataset, Partner, TypeDef

MAGIC = b"KDEFENSE-CACHE-6\n"
RACY_SECONDS = 2.0


class Undecodable(Exception):
    """A cached record could not be rebuilt: the cache is not to be trusted."""


def enabled() -> bool:
    return os.environ.get("KDEFENSE_NO_CACHE", "") not in ("1", "true", "yes")


def folder() -> Path:
    env = os.environ.get("KDEFENSE_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "kdefense"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of kdefense's own Python files (relative name, size and
    modification time of each, in every folder of the package): the code that
    parsed, validated and indexed the cached data. Installing, checking out or
    editing any of them changes it. A stat per file, no reading: well under a
    millisecond."""
    root = Path(__file__).resolve().parent
    parts = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                parts.append(f"{os.path.relpath(path, root)}:{st.st_size}:{st.st_mtime_ns}")
    text = "\n".join(parts).encode()
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def _key(path: Path) -> tuple | None:
    try:
        real = os.path.realpath(path)
        st = os.stat(real)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):  # pipes, devices: their content is not tied to their stat
        return None
    return (real, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev, __version__, code_digest())


def _file_for(key: tuple) -> Path:
    name = f"{zlib.crc32(repr(key).encode('utf-8')):08x}.cache"
    return folder() / name


def get(path: Path) -> Dataset | None:
    """The cached dataset for `path`, or None (absent, stale, damaged or
    written by other code)."""
    if not enabled():
        return None
    key = _key(path)
    if key is None:
        return None
    try:
        blob = _file_for(key).read_bytes()
    except OSError:
        return None
    try:
        if not blob.startswith(MAGIC):
            return None
        head_end = blob.index(b"\n", len(MAGIC))
        crc = int(blob[len(MAGIC):head_end], 16)
        payload = blob[head_end + 1:]
        if zlib.crc32(payload) != crc:
            return None
        stored_key, data = marshal.loads(payload)
        if tuple(stored_key) != key:
            return None
        return _thaw(data, str(path))
    except Exception:  # noqa: BLE001 - any damage means: rebuild
        return None


def discard(path: Path) -> None:
    """Remove the cache entry for `path` (after a record failed to decode)."""
    key = _key(path)
    if key is not None:
        try:
            _file_for(key).unlink()
        except OSError:
            pass


def stamp(path: Path) -> tuple | None:
    """The file's cache key now; take it before reading the file and give it to put()."""
    return _key(path) if enabled() else None


def put(path: Path, dataset: Dataset, read_stamp: tuple | None) -> None:
    """Store `dataset`, parsed from `path` when its key was `read_stamp`.
    Nothing is stored if the file changed since (the data could be stale), if
    it changed too recently to tell, or if the cache cannot be written."""
    if not enabled():
        return
    key = _key(path)
    if key is None or key != read_stamp or time.time() - key[2] / 1e9 < RACY_SECONDS:
        return
    target = _file_for(key)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        payload = marshal.dumps((key, _freeze(dataset)))
        blob = MAGIC + f"{zlib.crc32(payload):08x}".encode() + b"\n" + payload
        with open(tmp, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, target)
    except (OSError, ValueError):
        try:
            tmp.unlink()
        except OSError:
            pass


# -- records <-> plain tuples (the records' own freeze/thaw) ----------------------

def _freeze(ds: Dataset) -> tuple:
    partners = tuple(p.freeze() for p in ds.partners.values())
    types = tuple(t.freeze() for t in ds.types.values())
    agreements = tuple(marshal.dumps((a.freeze(), a.line)) for a in ds.agreements)
    return (partners, types, agreements, {**lookups_of(ds.agreements), **end_lookups(ds.agreements)})


class LazyAgreements:
    """The dataset's agreements as a read-only sequence that builds each record
    from its cached tuple on first access: a query for one partner in a large
    dataset builds only that partner's records."""

    __slots__ = ("_rows", "_built")

    def __init__(self, rows: tuple):
        self._rows = rows
        self._built: list = [None] * len(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, row: int) -> Agreement:
        a = self._built[row]
        if a is None:
            a = self._built[row] = _agreement(self._rows[row])
        return a

    def __iter__(self):
        for row in range(len(self._rows)):
            yield self[row]


def _thaw(data: tuple, shown: str) -> Dataset:
    partners_t, types_t, agreements_t, lookups = data
    partners = {p.id: p for p in map(Partner.thaw, partners_t)}
    types = {t.id: t for t in map(TypeDef.thaw, types_t)}
    if not isinstance(lookups, dict) or not isinstance(agreements_t, tuple):
        raise ValueError("cache layout")
    return Dataset(path=shown, partners=partners, types=types, agreements=LazyAgreements(agreements_t),
                   lookups=lookups)


def _agreement(blob: bytes) -> Agreement:
    try:
        values, line = marshal.loads(blob)
        a = Agreement.thaw(values)
        a.line = line
        return a
    except Exception as exc:  # noqa: BLE001 - any failure: the cache cannot be trusted
        raise Undecodable(f"{type(exc).__name__}: {exc}") from None
