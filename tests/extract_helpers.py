"""Helpers shared by the extraction tests: run one invented text through extraction and pick events."""

from __future__ import annotations

from datetime import date

from kg.extract import extract_doc
from kg.extract.lexicon import load_lexicon
from kg.extract.triggers import find_triggers, phrase_matcher
from kg.model import Article, Event, Extraction

PUBLISHED = date(2031, 3, 12)  # a Wednesday


def events(nlp, text: str, published: date = PUBLISHED) -> list[Event]:
    """The events extracted from ``text`` as an article published on ``published``."""
    return list(extract_doc(nlp(text), Article("t", "t", text, published)).events)


def labels(event: Event, role: str) -> set[str]:
    return {e.label for e in event.role(role)}


def of_type(found: list[Event], kind: str) -> list[Event]:
    return [e for e in found if e.type == kind]


FRIDAY = date(2031, 3, 14)


def run(nlp, text: str, published: date = FRIDAY) -> Extraction:
    """The extraction of ``text`` as an article published on ``published`` (a Friday by default)."""
    return extract_doc(nlp(text), Article("d", "t", text, published))


def told_time(event: Event) -> str | None:
    """The date the text gives an event: its time unless only the publication month stands in for it
    (time.reported_month, the main attack dated by nothing said)."""
    rules = {f.support.rule for f in event.facts_for("time")}
    return None if rules == {"time.reported_month"} else event.time


def attack(ex: Extraction) -> Event:
    """The first attack of an extraction."""
    return next(e for e in ex.events if e.type == "Attack")


def label_list(event: Event, role: str) -> list[str]:
    """The labels of one role, in order."""
    return [e.label for e in event.role(role)]


def only(found: list[Event], kind: str) -> Event:
    """The one event of a type (failing, with the events found, when there are none or several)."""
    matching = of_type(found, kind)
    assert len(matching) == 1, [(e.type, e.trigger) for e in found]
    return matching[0]


def trigger_types(nlp, text: str) -> list[tuple[str, str]]:
    """(type, text) of every trigger found in ``text``, suppressed ones included."""
    lex = load_lexicon()
    matcher = phrase_matcher(nlp.vocab, lex)
    return [(t.type, t.text) for s in nlp(text).sents for t in find_triggers(s, lex, matcher)]
