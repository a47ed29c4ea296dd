"""What a renderer may know about where its output goes: one object instead
of `isatty`, `NO_COLOR` and `COLUMNS` checks scattered over the renderers.

The command line builds it once from standard output (`Terminal.of`); tests
build one by hand (`Terminal(width=80, tty=True)`) to see what a terminal
would get, as httpie's tests inject an environment.
"""

from __future__ import annotations

import os
import shutil

PIPE_WIDTH = 100  # the width assumed when the output is not a terminal and $COLUMNS is not set


class Terminal:
    """width: columns available; tty: output goes to a terminal (tables fit
    and wrap, colour is allowed); colour: colour and block characters
    allowed (a terminal without NO_COLOR); encoding: the stream's encoding."""

    __slots__ = ("width", "tty", "colour", "encoding")

    def __init__(self, width: int = PIPE_WIDTH, tty: bool = False, colour: bool | None = None,
                 encoding: str = "utf-8"):
        self.width, self.tty, self.encoding = width, tty, encoding
        self.colour = tty if colour is None else colour

    def __repr__(self) -> str:
        return f"Terminal(width={self.width}, tty={self.tty}, colour={self.colour}, encoding={self.encoding!r})"

    @property
    def unicode(self) -> bool:
        """Can it show block and box characters (a UTF-8 stream)?"""
        return (self.encoding or "").lower().replace("-", "").startswith("utf")

    @classmethod
    def of(cls, stream, environ=None) -> "Terminal":
        """The terminal (or pipe, or file) behind `stream`."""
        environ = os.environ if environ is None else environ
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        width = shutil.get_terminal_size((PIPE_WIDTH, 24)).columns
        return cls(width=width, tty=tty, colour=tty and "NO_COLOR" not in environ,
                   encoding=getattr(stream, "encoding", None) or "utf-8")
