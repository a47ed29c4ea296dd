"""The bundled dataset's version: a citable number (e.g. 2026.12.0), bumped
whenever the data changes, with the date it stands for and the SHA-256 of
the exact file it names (data/version.json, shipped beside the data).

A file whose digest is not the recorded one (an edited or other copy) is
"unversioned": outputs name its digest instead, so nobody cites a version
for data it does not describe.
"""

from __future__ import annotations

import json
from pathlib import Path

COVERAGE_START = 1961  # the dataset covers Kuwait's agreements since independence (19 June 1961)


def version_file() -> Path:
    from .dataset import bundled_path  # noqa: PLC0415

    return bundled_path().with_name("version.json")


def recorded() -> dict:
    """{version, date, sha256} of the bundled dataset, as recorded."""
    try:
        return json.loads(version_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"version": None, "date": None, "sha256": None}


def digest(path) -> str:
    import hashlib  # noqa: PLC0415 - not for --version, which only reads the record

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def of(path) -> dict:
    """{version, date, sha256} of the dataset file at `path`: the recorded
    version when its digest is the recorded one, else version None."""
    info = recorded()
    try:
        actual = digest(path)
    except OSError:
        actual = None
    if actual is not None and actual == info.get("sha256"):
        return {"version": info["version"], "date": info["date"], "sha256": actual}
    return {"version": None, "date": None, "sha256": actual}


def label(path) -> str:
    """`2026.12.0`, or `unversioned (sha256 1f2e...)` for another file."""
    info = of(path)
    if info["version"]:
        return info["version"]
    return f"unversioned (sha256 {info['sha256'][:12]})" if info["sha256"] else "unversioned"
