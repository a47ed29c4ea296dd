"""The command line: a thin layer that reads options, calls the library once,
words errors, picks exit codes and writes the output.

- guard.py: every exception becomes one line on stderr and an exit code (ExitCode).
- options.py: options declared once (filter flags, --data, --as-of, output
  options), the `command()` decorator, the Request and where output goes.
- query_commands.py, document_commands.py, data_commands.py: the commands.
- typer_app.py: the Typer application and `main()`.
"""

from __future__ import annotations


def main() -> None:
    from .typer_app import main as run  # noqa: PLC0415

    run()


def __getattr__(name: str):
    """`app`, the full application (for tests and tools), built on first use."""
    if name == "app":
        from .typer_app import build_app  # noqa: PLC0415

        globals()["app"] = built = build_app()
        return built
    raise AttributeError(name)
