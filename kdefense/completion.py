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
        from .dataset import load, resolve_path  # noqa: PLC0415 - a Tab reads the dataset only when it must
        from .files import kind_of  # noqa: PLC0415
        from .index import Index  # noqa: PLC0415

        if kind_of(str(resolve_path(data))) != "file":  # a FIFO or a device would block the shell
            return []
        index = Index(load(data))
    except Exception:  # noqa: BLE001 - completion must never print an error into the shell
        return []
    if kind == "type":
        return [(t.id, t.description) for t in index.dataset.types.values() if t.id.startswith(raw)]
    if kind == "id":
        return [(a.id, a.title) for a in index.dataset.agreements if a.id.startswith(raw)]
    return _partners(index, incomplete or "")


def _partners(index, typed: str) -> list[tuple[str, str]]:
    """One offer per partner whose id, name, ISO code or alias starts with
    `typed` in any case (`Russ` and `russ` both find Russia). Shells keep only
    what starts with the typed word, so the offer is the form that starts
    with it as typed where there is one (`Uni` -> `United States`, `ru` ->
    `russia`), else the first form that matches once folded."""
    folded = normalize(typed)
    out = []
    for p in index.dataset.partners.values():
        forms = (p.id, p.name, *p.iso, *p.aliases)
        match = next((n for n in forms if n.startswith(typed)), None) or next(
            (n for n in forms if normalize(n).startswith(folded)), None)
        if match is not None:
            out.append((match, p.name))
    return out
