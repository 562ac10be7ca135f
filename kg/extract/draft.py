"""One event mention, then one event being assembled: the value that flows from frames to coreference.

A draft is first read off one sentence with its arguments as :class:`~kg.extract.refs.Ref` spans
(:func:`kg.extract.frames.sentence_frames`), then resolved to :class:`~kg.model.Entity` values and merged
with the other mentions of the same event (:mod:`kg.extract.coref`): the same value at both stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from kg.extract.refs import Ref
from kg.extract.triggers import Trigger
from kg.model import Entity

A = TypeVar("A", Ref, Entity)

CASUALTIES = "Casualties"
"""Pseudo-type of a draft of counts from a sentence with no attack word ("the hospital received 3 dead")."""


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
    time: str | None = None
    killed: int | None = None
    injured: int | None = None
    approximate: bool = False
    about_token: int | None = None
    background: bool = False
    anaphoric: bool = False
    tokens: frozenset[int] = field(default=frozenset())
    sentences: frozenset[int] = field(default=frozenset())
    about: int | None = None

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

    def filled(self) -> int:
        values = (self.agents, self.targets, self.locations, self.time, self.killed, self.injured)
        return sum(1 for v in values if v not in (None, ()))
