"""The values of one role of a kg event as strings of the article's text, for scorers that match strings.

A value is an entity (its key, kind and label) or, for a role extraction gives only as facts (an
``instrument`` before it is an entity role everywhere), the fact's value. Its *mention* is the text
of the earliest span extraction recorded for it (``Fact.support``) that is one of the entity's
surface forms; a span that is not (a pronoun read as the entity: "they", "its") names nothing a
string scorer can match, so then the earliest of the entity's surface forms (aliases) found in the
text stands for it, else its label.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import Entity, Event, Fact


@dataclass(frozen=True)
class Value:
    """One role value: ``key`` identifies it within the article, ``kind`` is its entity kind if known."""

    key: str
    kind: str | None
    mention: str
    scoped: bool = False  # a description without a name: kg scopes its key to the article


def _span(fact: Fact, text: str) -> tuple[int, str] | None:
    start, end = fact.support.start, fact.support.end
    if 0 <= start < end <= len(text) and text[start:end].strip():
        return start, text[start:end].strip()
    return None


def _earliest_alias(entity: Entity, text: str) -> str:
    found = [(text.find(a), -len(a), a) for a in entity.aliases if a and text.find(a) >= 0]
    return min(found)[2] if found else entity.label


def role_values(event: Event, role: str, text: str) -> list[Value]:
    """Every distinct value of ``role`` in ``event`` (entities first, then facts naming no entity)."""
    facts = event.facts_for(role)
    out: list[Value] = []
    seen: set[str] = set()
    for entity in event.role(role):
        if entity.key in seen:
            continue
        seen.add(entity.key)
        spans = [
            s
            for f in facts
            if f.value == entity.key and (s := _span(f, text)) is not None and s[1] in entity.aliases
        ]
        mention = min(spans)[1] if spans else _earliest_alias(entity, text)
        out.append(Value(entity.key, entity.kind, mention, entity.key.endswith(")")))
    for fact in facts:
        if fact.value in seen:
            continue
        seen.add(fact.value)
        span = _span(fact, text)
        out.append(Value(fact.value, None, span[1] if span else fact.value))
    return out
