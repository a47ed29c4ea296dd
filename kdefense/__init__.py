"""kdefense: Kuwait's defence agreements from a sourced YAML dataset.

    import kdefense
    data = kdefense.load()
    data.list(partner="russia", as_of="2026-12-04")

The library core lives in this package's modules, the output formats in
render/, the command line in cli/. What is named here is imported on first
use, so that the command line starts fast.
"""

__version__ = "0.2.0"

_EXPORTS = {
    "load": "api", "Kdefense": "api",
    "KdefenseError": "errors", "BadInput": "errors", "NotFound": "errors", "BadValue": "errors",
    "DataError": "errors", "Problem": "errors", "WouldOverwrite": "errors", "CannotWrite": "errors",
    "MissingExtra": "errors",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kdefense' has no attribute {name!r}")
    import importlib  # noqa: PLC0415

    value = getattr(importlib.import_module(f"kdefense.{module}"), name)
    globals()[name] = value
    return value
