"""Shell completion of values: partner names and aliases, types, statuses
and agreement ids, from the dataset (through its cache: a Tab stays fast)."""

from __future__ import annotations

from .folding import normalize


def candidates(kind: str, incomplete: str, data: str | None = None) -> list[tuple[str, str]]:
    """(value, help) pairs for `kind` (partner, type, status, id) that start
    with `incomplete` (any case, accents, Arabic letter forms). Never raises:
    a completion that cannot read the dataset offers nothing."""
    raw = (incomplete or "").strip().lower()
    if kind == "status":
        from .filters import STATUS_CHOICES  # noqa: PLC0415 - statuses need no dataset

        return [(s, "") for s in STATUS_CHOICES if s.startswith(raw)]
    try:
        from .dataset import load  # noqa: PLC0415 - a Tab reads the dataset only when it must
        from .index import Index  # noqa: PLC0415

        index = Index(load(data))
    except Exception:  # noqa: BLE001 - completion must never print an error into the shell
        return []
    if kind == "type":
        return [(t.id, t.description) for t in index.dataset.types.values() if t.id.startswith(raw)]
    if kind == "id":
        return [(a.id, a.title) for a in index.dataset.agreements if a.id.startswith(raw)]
    typed = normalize(incomplete or "")  # names: any case, accents, Arabic letter forms
    out = []
    for p in index.dataset.partners.values():
        if p.id.startswith(raw):
            out.append((p.id, p.name))
            continue
        # Shells keep only what starts with the typed word: offer the name or alias that does.
        match = next((n for n in (p.name, *p.iso, *p.aliases) if normalize(n).startswith(typed)), None)
        if match is not None:
            out.append((match, p.name))
    return out
