"""Writing output files whole: into a temporary file beside the target, then
renamed into place, so a reader never sees half a file and a failed run
leaves the old file as it was."""

from __future__ import annotations

import contextlib
import os
import tempfile


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str):
    """Yield a temporary path beside `path`; on success it replaces `path`
    (with an ordinary new file's permissions), on failure it is removed."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".kdefense-", suffix=os.path.splitext(path)[1], dir=folder)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_text(path: str):
    """A text file (UTF-8) written whole to `path`."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        yield fh


def write_whole(path: str, data: bytes) -> None:
    """`data` written whole to `path` (see atomic_path); CannotWrite with the
    system's reason when that fails."""
    from .errors import CannotWrite  # noqa: PLC0415

    try:
        with atomic_path(path) as tmp, open(tmp, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise CannotWrite(path, exc.strerror or str(exc)) from None
