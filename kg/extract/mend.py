"""The steps the name menders share: making the tagger's pieces of a name one entity (hyphened names in
``hyphen_names``, spelt-out names before their acronym in ``acronym_names``), and labelling a name again
(a person named again in ``person_names``, a place named again in ``place_names``)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from kg.extract.trace import record_tokens


def overlapping(ents: Sequence[Span], start: int, end: int) -> list[Span]:
    """The entities of ``ents`` that share a token with the tokens ``start`` to ``end`` (exclusive)."""
    return [e for e in ents if e.start < end and start < e.end]


def joined(
    doc: Doc, ents: Sequence[Span], pieces: Sequence[Span], span: tuple[int, int], label: str, rule: str
) -> list[Span]:
    """``ents`` with ``pieces`` replaced by one entity over the tokens ``span`` (start, end exclusive)
    labelled ``label``, in text order; the step is traced under ``rule``."""
    start, end = span
    kept = [e for e in ents if e not in pieces]
    kept.append(Span(doc, start, end, label=label))
    kept.sort(key=lambda e: e.start)
    record_tokens("argument", rule, doc, start, end)
    return kept


def relabelled(doc: Doc, indices: Sequence[int], label: str, rule: str) -> None:
    """Label the entities of ``doc`` at ``indices`` (positions in ``doc.ents``) ``label``, each step traced
    under ``rule``; sets ``doc.ents`` only when there is something to relabel."""
    if not indices:
        return
    ents = list(doc.ents)
    for i in indices:
        ents[i] = Span(doc, ents[i].start, ents[i].end, label=label)
        record_tokens("argument", rule, doc, ents[i].start, ents[i].end)
    doc.ents = ents
