"""A cache of the parsed and validated dataset, so repeated commands skip YAML.

- Keyed by the file's real path, size, modification and change times (ns),
  inode and device, and the kdefense version; any change means a rebuild.
- A file changed within the last two seconds is not cached: on file systems
  with coarse timestamps a second edit in the same tick could otherwise go
  unnoticed (the same "racy" rule git uses).
- Stored with `marshal` as plain tuples (no pickle: loading a cache can never
  run code), each record as its own marshal blob so that a query unpacks only
  the records it selects, behind a header with a CRC-32 of the payload. A damaged,
  truncated or foreign cache file is ignored and rebuilt.
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
from pathlib import Path

from . import __version__
from .dates import PartialDate
from .index import end_positions, positions_of
from .models import Agreement, Dataset, Event, Partner, Related, Source, Term

MAGIC = b"KDEFENSE-CACHE-5\n"
RACY_SECONDS = 2.0


def enabled() -> bool:
    return os.environ.get("KDEFENSE_NO_CACHE", "") not in ("1", "true", "yes")


def folder() -> Path:
    env = os.environ.get("KDEFENSE_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "kdefense"


def _key(path: Path) -> tuple | None:
    try:
        real = os.path.realpath(path)
        st = os.stat(real)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):  # pipes, devices: their content is not tied to their stat
        return None
    return (real, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev, __version__)


def _file_for(key: tuple) -> Path:
    name = f"{zlib.crc32(repr(key).encode('utf-8')):08x}.cache"
    return folder() / name


def get(path: Path) -> Dataset | None:
    """The cached dataset for `path`, or None (absent, stale or damaged)."""
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


# -- plain tuples <-> records ----------------------------------------------------

def _d(d: PartialDate | None):
    return None if d is None else tuple(d)


_new_date = tuple.__new__


def _D(t) -> PartialDate | None:
    return None if t is None else _new_date(PartialDate, t)


def _freeze(ds: Dataset) -> tuple:
    partners = tuple((p.id, p.name, p.kind, tuple(p.iso), tuple(p.aliases)) for p in ds.partners.values())
    types = tuple(ds.types.items())
    agreements = tuple(marshal.dumps(
        (
            a.id, a.partner, a.title, a.type, _d(a.signed), a.title_ar, a.place, _d(a.in_force),
            (a.term.years, a.term.months, a.term.days, a.term.renewal, a.term.renewal_years,
             a.term.notice_months, a.term.notice_days),
            tuple((_d(e.date), e.kind, e.instrument, e.number, _d(e.until), e.years, e.note, e.source)
                  for e in a.events),
            tuple((r.id, r.relation) for r in a.related),
            a.summary,
            tuple((s.title, s.publisher, s.url, _d(s.date)) for s in a.sources),
            a.confidence, a.notes, a.line,
        ))
        for a in ds.agreements
    )
    return (partners, types, agreements, {**positions_of(ds.agreements), **end_positions(ds.agreements)})


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

    def __getitem__(self, i: int) -> Agreement:
        a = self._built[i]
        if a is None:
            a = self._built[i] = _agreement(self._rows[i])
        return a

    def __iter__(self):
        for i in range(len(self._rows)):
            yield self[i]


def _thaw(data: tuple, shown: str) -> Dataset:
    partners_t, types_t, agreements_t, positions = data
    partners = {p[0]: Partner(p[0], p[1], p[2], list(p[3]), list(p[4])) for p in partners_t}
    ds = Dataset(path=shown, partners=partners, types=dict(types_t), agreements=LazyAgreements(agreements_t))
    ds.positions = positions
    return ds


def _agreement(blob: bytes) -> Agreement:
    (aid, partner, title, type_, signed, title_ar, place, in_force, term, events, related,
     summary, sources, confidence, notes, line) = marshal.loads(blob)
    return Agreement(
        id=aid, partner=partner, title=title, type=type_, signed=_new_date(PartialDate, signed), title_ar=title_ar,
        place=place, in_force=_D(in_force), term=Term(*term),
        events=[Event(_D(e[0]), e[1], e[2], e[3], _D(e[4]), e[5], e[6], e[7]) for e in events],
        related=[Related(*r) for r in related], summary=summary,
        sources=[Source(s[0], s[1], s[2], _D(s[3])) for s in sources],
        confidence=confidence, notes=notes, line=line,
    )
