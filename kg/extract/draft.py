"""One event mention, then one event being assembled: the value that flows from frames to coreference.

A draft is first read off one sentence with its arguments as :class:`~kg.extract.refs.Ref` spans
(:func:`kg.extract.frames.sentence_frames`), then resolved to :class:`~kg.model.Entity` values and merged
with the other mentions of the same event (:mod:`kg.extract.coref`): the same value at both stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from spacy.tokens import Doc, Span

from kg.extract.evolve import replace
from kg.extract.refs import Ref
from kg.extract.trace import record_tokens, tracing
from kg.extract.triggers import Trigger
from kg.model import Entity

A = TypeVar("A", Ref, Entity)

CASUALTIES = "Casualties"
"""Pseudo-type of a draft of counts from a sentence with no attack word ("the hospital received 3 dead")."""


@dataclass(frozen=True)
class Found:
    """Where one role value of a draft was read: the rule, the sentence index, the value's own characters.

    ``value`` is the entity key (entity roles, once resolved), the ISO date, the count, or ``""`` for
    ``about`` (the referred event's key is known only when events are numbered).
    """

    role: str
    value: str
    rule: str
    sentence: int
    start: int
    end: int
    qualifier: str | None = None
    in_title: bool = False  # the offsets count in the headline, not the text

    def words(self, doc: Doc) -> Span | None:
        """The tokens of ``doc`` that hold the value's characters, widened to whole tokens (``None``
        when the characters fall outside the text)."""
        return doc.char_span(self.start, self.end, alignment_mode="expand")


@dataclass(frozen=True)
class Draft(Generic[A]):
    """One trigger with its arguments (``A`` is ``Ref`` before entity resolution, ``Entity`` after).

    ``tokens`` and ``sentences`` gather the anchors and sentences of every mention merged into it
    (the trigger's own when left empty); ``about`` is the index of the referred attack cluster,
    ``about_token`` the attack trigger the mention's sentence points at.
    """

    trigger: Trigger
    sentence: int
    agents: tuple[A, ...] = ()
    targets: tuple[A, ...] = ()
    locations: tuple[A, ...] = ()
    instruments: tuple[A, ...] = ()
    time: str | None = None
    killed: int | None = None
    injured: int | None = None
    approximate: bool = False
    about_token: int | None = None
    background: bool = False
    anaphoric: bool = False
    generic: bool = False  # a bare plural ("attacks in the northeast"): a series, not one attack
    tokens: frozenset[int] = field(default=frozenset())
    sentences: frozenset[int] = field(default=frozenset())
    about: int | None = None
    support: tuple[Found, ...] = ()
    """Where each role value was read, in the order found; merging mentions keeps every mention's own."""

    def __post_init__(self) -> None:
        if not self.tokens:
            object.__setattr__(self, "tokens", frozenset(self.trigger.anchors))
        if not self.sentences:
            object.__setattr__(self, "sentences", frozenset({self.sentence}))

    @property
    def type(self) -> str:
        return self.trigger.type

    @property
    def token(self) -> int:
        return self.trigger.token

    @property
    def word(self) -> str:
        """The trigger's text as written ("stormed", "sit-in")."""
        return self.trigger.text

    @property
    def weight(self) -> float:
        return self.trigger.weight

    def found(self, role: str, value: str | None = None) -> Found | None:
        """The first support of ``role`` (with that ``value``)."""
        return next((f for f in self.support if f.role == role and (value is None or f.value == value)), None)

    def filled(self) -> int:
        values = (self.agents, self.targets, self.locations, self.time, self.killed, self.injured)  # not the
        # weapon alone: "a car bomb" says nothing of which attack it was
        return sum(1 for v in values if v not in (None, ()))


def sentence_at(doc: Doc, i: int) -> int:
    """The number of the sentence holding token ``i``, as ``Draft.sentence`` and ``Found.sentence`` count."""
    return next(k for k, s in enumerate(doc.sents) if s.start <= i < s.end)


def supported(draft: Draft, *found: Found) -> Draft:
    """The draft with more support."""
    return replace(draft, support=(*draft.support, *found))


def relabeled(found: Found | None, rule: str) -> tuple[Found, ...]:
    """The support of a value another rule carried over from elsewhere (a claim's agent to its attack)."""
    return () if found is None else (replace(found, rule=rule),)


def record_draft(kind: str, rule: str, draft: Draft, doc, at: Found | None = None, **fields: str) -> None:
    """Record a step about a whole mention or event: on its trigger words, or on the words of ``at``."""
    trace = tracing()
    if trace is None or not draft.trigger.anchors and at is None:
        return
    fields = {"trigger": draft.word, "event_type": draft.type, **fields}
    if at is not None:
        trace.add(kind, rule, doc.text[at.start : at.end], at.start, at.end, sentence=at.sentence, **fields)
        return
    anchors = draft.trigger.anchors
    record_tokens(kind, rule, doc, min(anchors), max(anchors) + 1, sentence=draft.sentence, **fields)
