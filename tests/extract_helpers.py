"""Helpers shared by the extraction tests: run one invented text through extraction and pick events."""

from __future__ import annotations

from datetime import date

from kg.extract import extract_doc
from kg.model import Article, Event

PUBLISHED = date(2031, 3, 12)  # a Wednesday


def events(nlp, text: str, published: date = PUBLISHED) -> list[Event]:
    """The events extracted from ``text`` as an article published on ``published``."""
    return list(extract_doc(nlp(text), Article("t", "t", text, published)).events)


def labels(event: Event, role: str) -> set[str]:
    return {e.label for e in event.role(role)}


def of_type(found: list[Event], kind: str) -> list[Event]:
    return [e for e in found if e.type == kind]
