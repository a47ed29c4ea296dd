"""Writing output files whole, and never replacing what we should not.

- A regular file (or a new one) is written into a temporary file beside it,
  then renamed into place: a reader never sees half a file, and a failed or
  interrupted run leaves the old file as it was and no temporary file behind.
- A symbolic link is followed: the link stays, its target gets the content
  (written whole the same way, beside the target).
- A FIFO or a character device (`-o /dev/stdout`, a named pipe) is written
  through, as every Unix tool does; it cannot be replaced whole.
- A directory, a block device or a socket is refused.

Every failure is a CannotWrite naming the caller's path and the system's
reason, never the temporary file's name.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from .errors import CannotWrite

TEMP_PREFIX = ".kdefense-"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def kind_of(path: str) -> str:
    """What is at `path` (links followed): "missing", "file", "stream" (a
    FIFO or character device, written through), or "other" (refused)."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError:  # a name too long, a loop of links, no permission: writing it will say why
        return "missing"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return "stream"
    if stat.S_ISDIR(mode):
        return "directory"
    return "other"


def target_of(path: str) -> str:
    """Where the content of `path` goes: a symbolic link's target (followed to
    the end, also when it does not exist yet), else `path` itself."""
    return os.path.realpath(path) if os.path.islink(path) else path


@contextlib.contextmanager
def atomic_path(path: str):
    """Yield a temporary path beside the file `path` will name (a link
    followed); on success it replaces that file (with an ordinary new file's
    permissions), on failure or interruption it is removed, with any SQLite
    journal beside it."""
    target = target_of(path)
    folder = os.path.dirname(os.path.abspath(target))
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=os.path.splitext(target)[1], dir=folder)
    except OSError as exc:
        raise CannotWrite(path, exc.strerror or str(exc)) from None
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        for leftover in (tmp, tmp + "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        raise


def write_whole(path: str, data: bytes) -> None:
    """`data` into `path`: whole for a file (a link followed), through for a
    FIFO or a character device. CannotWrite with the system's reason when
    that fails or when `path` is something else."""
    kind = kind_of(path)
    if kind in ("directory", "other"):
        raise CannotWrite(path, "is a directory" if kind == "directory" else "not a file, a pipe or a terminal")
    try:
        if kind == "stream":
            with open(path, "wb") as fh:
                fh.write(data)
            return
        with atomic_path(path) as tmp, open(tmp, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise CannotWrite(path, exc.strerror or str(exc)) from None
