"""Generate a synthetic kdefense dataset of N agreements, valid under the schema.

    python bench/synth.py 10000 > /tmp/agreements-10k.yaml

The records are made up (they say so in every title and note) and exist only to
measure how the tool scales. Deterministic for a given N.
"""

from __future__ import annotations

import random
import sys

PARTNERS = [
    ("russia", "Russia", "RU", "RUS", "روسيا"), ("united-states", "United States", "US", "USA", "الولايات المتحدة"),
    ("united-kingdom", "United Kingdom", "GB", "GBR", "بريطانيا"), ("france", "France", "FR", "FRA", "فرنسا"),
    ("china", "China", "CN", "CHN", "الصين"), ("turkey", "Turkey", "TR", "TUR", "تركيا"),
    ("italy", "Italy", "IT", "ITA", "إيطاليا"), ("india", "India", "IN", "IND", "الهند"),
    ("egypt", "Egypt", "EG", "EGY", "مصر"), ("pakistan", "Pakistan", "PK", "PAK", "باكستان"),
]
TYPES = ["defense-cooperation", "military-technical", "mou", "protocol", "procurement", "training"]
TERMS = [
    "{years: 5, renewal: automatic, renewal_years: 5, notice_months: 6}",
    "{years: 10, renewal: none}",
    "{renewal: indefinite}",
    "{renewal: unknown}",
    "{years: 3, renewal: by-agreement}",
]


def generate(n: int, out) -> None:
    rnd = random.Random(n)
    w = out.write
    w("schema: 1\npartners:\n")
    for pid, name, a2, a3, ar in PARTNERS:
        w(f"  {pid}: {{name: {name}, kind: state, iso: [{a2}, {a3}], aliases: [{ar}]}}\n")
    w("types:\n")
    for t in TYPES:
        w(f"  {t}: Synthetic type {t}\n")
    w("agreements:\n")
    for i in range(n):
        pid = PARTNERS[i % len(PARTNERS)][0]
        year = 1961 + rnd.randrange(65)
        month, day = rnd.randrange(1, 13), rnd.randrange(1, 29)
        precision = rnd.randrange(3)
        signed = f"{year}" if precision == 0 else f"{year}-{month:02d}" if precision == 1 else f"{year}-{month:02d}-{day:02d}"
        w(f"  - id: kw-synth-{i:06d}\n")
        w(f"    partner: {pid}\n")
        w(f"    title: Synthetic agreement number {i} (benchmark data, not real)\n")
        w(f"    type: {TYPES[i % len(TYPES)]}\n")
        w(f"    signed: {signed}\n")
        if precision == 2 and rnd.random() < 0.5:
            w(f"    in_force: {year + 1}-{month:02d}-{day:02d}\n")
        w(f"    term: {TERMS[i % len(TERMS)]}\n")
        if rnd.random() < 0.3:
            w(f"    events:\n      - {{date: {year + 1}, kind: ratified, instrument: Amiri decree, number: '{i}/{year + 1}', source: 0}}\n")
        w("    summary: Synthetic record for benchmarks.\n")
        w(f"    sources:\n      - {{title: Synthetic source {i}, publisher: Benchmark, url: 'https://example.org/{i}', date: {year}}}\n")
        w("    confidence: low\n")
        w("    notes: Made up for benchmarking; not a real agreement.\n")


def generate_broken(size: int, out) -> None:
    """About `size` bytes of a dataset in which every record points at a
    related id that does not exist (and every tenth misspells a key): the
    worst case for the validator's "did you mean" suggestions."""
    out.write("schema: 1\npartners:\n  p: {name: P, kind: state, iso: [PX], aliases: []}\ntypes:\n  t: T\n"
              "agreements:\n")
    written, i = 0, 0
    while written < size:
        key = "palce" if i % 10 == 0 else "place"
        rec = (f"  - id: kw-p-{i:07d}-synthetic-agreement\n    partner: p\n    title: Synthetic broken record {i}\n"
               f"    type: t\n    signed: 2000\n    {key}: Nowhere\n"
               f"    related: [{{id: kw-p-{i + 3:07d}-synthetic-agreemnt, relation: related}}]\n"
               f"    summary: Made up to measure how a broken file is reported.\n"
               f"    sources: [{{url: 'https://example.org/{i}'}}]\n")
        out.write(rec)
        written += len(rec)
        i += 1


if __name__ == "__main__":
    generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000, sys.stdout)
