"""Find the dataset file, read it, validate it: file -> Dataset."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, TypeVar

from .errors import BadValue, DataError, Problem
from .index import Index
from .models import Dataset

T = TypeVar("T")

ENV_VAR = "KDEFENSE_DATA"
MAX_BYTES = 64 * 1024 * 1024  # a hand-kept file is far smaller; refuse absurd input


def bundled_path() -> Path:
    """The dataset shipped with the package; in a checkout, data/ beside the package."""
    here = Path(__file__).resolve().parent
    inside = here / "data" / "agreements.yaml"  # in an installed wheel
    if inside.is_file():
        return inside
    return here.parent / "data" / "agreements.yaml"  # editable install / checkout


def resolve_path(explicit: str | os.PathLike | None) -> Path:
    if explicit is not None:
        if not str(explicit).strip():
            raise BadValue("data", explicit, "the path of the dataset file is empty")
        return Path(explicit)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return bundled_path()


def read_file(path: Path) -> bytes:
    """The file's bytes, checked to be UTF-8 (a leading BOM is dropped).

    Bytes, not str: libyaml decodes UTF-8 itself, and a decoded copy of a large
    file would double its share of peak memory."""
    shown = str(path)
    try:
        with open(path, "rb") as fh:  # bounded read: also safe on /dev/zero or a pipe
            raw = fh.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise DataError([Problem(shown, 0, 0, f"file is larger than the {MAX_BYTES} bytes allowed")])
    except IsADirectoryError:
        raise DataError([Problem(shown, 0, 0, "is a directory, not a dataset file", code="directory")]) from None
    except FileNotFoundError:
        raise DataError([Problem(shown, 0, 0, "no such file", code="missing-file")]) from None
    except OSError as exc:
        raise DataError([Problem(shown, 0, 0, f"cannot read: {exc.strerror or exc}")]) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        raw.decode("utf-8")  # checked, then dropped
        return raw
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError([Problem(shown, line, col, "not UTF-8 text; save the file as UTF-8")]) from None


def parse(text: str | bytes, shown: str) -> Dataset:
    """Parse and validate dataset text; raise DataError with every problem.

    The cyclic garbage collector is paused meanwhile: parsing builds millions
    of small objects and no reference cycles, and the collector's passes over
    them were a seventh of the time on a 20 MB file."""
    import gc  # noqa: PLC0415

    from . import checks, strict_yaml  # noqa: PLC0415 - not needed on a cache hit

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            doc = strict_yaml.load(text, shown)
        except strict_yaml.YamlProblem as exc:
            raise DataError([strict_yaml.load_problem(shown, exc)]) from None
        dataset, problems = checks.build(doc, shown)
    finally:
        if was_enabled:
            gc.enable()
    if problems:
        raise DataError(problems)
    return dataset


def check(path: str | os.PathLike | None = None):
    """Check the dataset file at `path` (or $KDEFENSE_DATA, or the bundled
    one) without the cache: every problem, then warnings (checks.Checked)."""
    from .checks import Checked, warnings  # noqa: PLC0415

    p = resolve_path(path)
    try:
        ds = parse(read_file(p), str(p))
    except DataError as exc:
        return Checked(str(p), exc.problems, [])
    return Checked(str(p), [], warnings(ds), len(ds.agreements), len(ds.partners), len(ds.types))


def load(path: str | os.PathLike | None = None, use_cache: bool = True) -> Dataset:
    """Load the dataset at `path` (or $KDEFENSE_DATA, or the bundled one)."""
    from . import cache  # noqa: PLC0415

    p = resolve_path(path)
    dataset = cache.get(p) if use_cache else None
    if dataset is None:
        before = cache.stamp(p) if use_cache else None
        dataset = parse(read_file(p), str(p))
        if use_cache:
            cache.put(p, dataset, before)
    return dataset


def with_index(path: str | os.PathLike | None, answer: Callable[[Index], T]) -> T:
    """Load and index the dataset and return `answer(index)`.

    Records come from the cache as a query first touches them; if one turns
    out undecodable there, the cache entry is dropped and the question is
    answered again from the file, so a bad cache is only ever a miss."""
    from . import cache  # noqa: PLC0415

    try:
        return answer(Index(load(path)))
    except cache.Undecodable:
        cache.discard(resolve_path(path))
        return answer(Index(load(path, use_cache=False)))
