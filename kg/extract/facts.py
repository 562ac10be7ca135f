"""Per-argument provenance: the :class:`kg.model.Fact` of every role value of an event, from the support
its mentions gathered (each value keeps the sentence and characters of the mention that gave it)."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.draft import Draft, Found
from kg.model import Fact, Support


def _support(found: Found, sentences: Sequence[str], title: str, confidence: float) -> Support:
    if found.in_title:
        return Support(found.rule, title, found.start, found.end, confidence, in_title=True)
    return Support(found.rule, sentences[found.sentence], found.start, found.end, confidence)


def event_facts(
    draft: Draft, about: str | None, sentences: Sequence[str], confidence: float, title: str = ""
) -> tuple[Fact, ...]:
    """One fact per role value of the finished event, in role order; ``about`` is the referred event's key;
    ``sentences`` are the article's sentences' texts, stripped; ``title`` its headline (the sentence of a
    value only the headline gives).

    A value whose support is missing gets no fact (``tests/test_extract_facts.py`` proves there is none).
    """
    values: list[tuple[str, str]] = [
        *(("agent", e.key) for e in draft.agents),
        *(("target", e.key) for e in draft.targets),
        *(("location", e.key) for e in draft.locations),
        *(("instrument", e.key) for e in draft.instruments),
    ]
    if draft.time:
        values.append(("time", draft.time))
    for role, count in (("killed", draft.killed), ("injured", draft.injured)):
        if count is not None:
            values.append((role, str(count)))
    facts = []
    for role, value in values:
        found = draft.found(role, value)
        if found is not None:
            facts.append(Fact(role, value, _support(found, sentences, title, confidence), found.qualifier))
    if about is not None and (found := draft.found("about")) is not None:
        facts.append(Fact("about", about, _support(found, sentences, title, confidence)))
    return tuple(facts)
