"""The data version: data/version.json names the dataset file it describes (by
its SHA-256), and the changelog, the citation file and --version agree with it."""

import hashlib
import json
import re

import yaml

from helpers import BUNDLED, ROOT, kd

VERSION = json.loads((ROOT / "data" / "version.json").read_text(encoding="utf-8"))


def test_the_recorded_digest_is_the_dataset_files():
    digest = hashlib.sha256(BUNDLED.read_bytes()).hexdigest()
    assert VERSION["sha256"] == digest, (
        "data/agreements.yaml changed: give it a new data version in data/version.json (version, date, "
        f"sha256 {digest}) and say what changed in data/CHANGELOG.md")


def test_the_version_has_the_documented_shape():
    assert re.fullmatch(r"\d{4}\.(0[1-9]|1[0-2])\.\d+", VERSION["version"])
    year, month = VERSION["version"].split(".")[:2]
    assert VERSION["date"].startswith(f"{year}-{month}-")


def test_the_changelog_describes_the_current_version_first():
    text = (ROOT / "data" / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## (\S+) \((\d{4}-\d\d-\d\d)\)$", text, flags=re.M)
    assert versions[0] == (VERSION["version"], VERSION["date"])


def test_the_citation_file_cites_this_version_and_this_software():
    from kdefense import __version__

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == VERSION["version"]
    assert str(cff["date-released"]) == VERSION["date"]
    assert cff["license"] == "CC-BY-4.0"
    assert [r["version"] for r in cff["references"] if r["type"] == "software"] == [__version__]


def test_version_prints_both_versions():
    from kdefense import __version__

    r = kd("--version")
    assert r.stdout.strip() == f"kdefense {__version__}, data {VERSION['version']} ({VERSION['date']})"
