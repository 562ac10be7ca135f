"""Event and argument F1 with head-word match, end to end (for WikiEvents) or on given triggers.

Definitions:

- The **head word** of a phrase is the syntactic root of the phrase parsed on its own, lowercased
  (:class:`HeadWords`; "more than 100 members of the security forces" → ``members``,
  "the assault" → ``assault``). Gold and predicted strings go through the same function.
- A predicted event **matches** a gold event when the gold trigger's first character lies inside
  the predicted event's evidence sentence and the two triggers have the same head word. Events are
  matched one to one, as many as possible (Kuhn–Munkres); event P = matched / predicted, R =
  matched / gold.
- A predicted **argument** is right when its event matches a gold event and that gold event has an
  argument of the same role with the same head word; each gold argument is found at most once.
  Every argument of every predicted event counts as predicted (those of unmatched events are
  wrong), every argument of every gold event as gold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from prf import Counts, total
from scipy.optimize import linear_sum_assignment
from spacy.language import Language

Head = Callable[[str], str]


@dataclass(frozen=True)
class GoldEvent:
    """A gold event: ``start`` is the character offset of its trigger; arguments are (role, text)."""

    start: int
    trigger: str
    arguments: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PredictedEvent:
    """A predicted event: ``start``/``end`` are the character offsets of its evidence sentence."""

    start: int
    end: int
    trigger: str
    arguments: tuple[tuple[str, str], ...] = ()


class HeadWords:
    """Head words through a spaCy pipeline, each phrase parsed once."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self._cache: dict[str, str] = {}

    def warm(self, phrases: Iterable[str]) -> None:
        """Parse many phrases in one batch (faster than one by one)."""
        todo = sorted({p.strip() for p in phrases} - self._cache.keys() - {""})
        for phrase, doc in zip(todo, self._nlp.pipe(todo), strict=True):
            self._cache[phrase] = doc[:].root.lower_ if len(doc) else ""

    def __call__(self, phrase: str) -> str:
        phrase = phrase.strip()
        if phrase not in self._cache:
            self.warm([phrase])
        return self._cache.get(phrase, "")


def events_match(gold: GoldEvent, pred: PredictedEvent, head: Head) -> bool:
    return pred.start <= gold.start < pred.end and head(gold.trigger) == head(pred.trigger)


def align_events(
    golds: Sequence[GoldEvent], preds: Sequence[PredictedEvent], head: Head
) -> list[tuple[int, int]]:
    """The largest one-to-one set of (gold index, predicted index) pairs that match."""
    if not golds or not preds:
        return []
    scores = np.array([[int(events_match(g, p, head)) for p in preds] for g in golds])
    rows, cols = linear_sum_assignment(-scores)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if scores[r, c]]


def _by_role(arguments: Iterable[tuple[str, str]], head: Head) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {}
    for role, text in arguments:
        out.setdefault(role, Counter())[head(text)] += 1
    return out


def argument_counts(
    gold: Iterable[tuple[str, str]], pred: Iterable[tuple[str, str]], head: Head, roles: Sequence[str]
) -> dict[str, Counts]:
    """One gold event against the predicted event matched to it: head-word matches per role."""
    gold_heads, pred_heads = _by_role(gold, head), _by_role(pred, head)
    out = {}
    for role in roles:
        g, p = gold_heads.get(role, Counter()), pred_heads.get(role, Counter())
        out[role] = Counts(sum((g & p).values()), sum(p.values()), sum(g.values()))
    return out


def _unmatched(arguments: Iterable[tuple[str, str]], roles: Sequence[str], gold: bool) -> dict[str, Counts]:
    n = Counter(role for role, _ in arguments)
    return {role: Counts(0, 0, n[role]) if gold else Counts(0, n[role], 0) for role in roles}


def _add(into: dict[str, Counts], more: dict[str, Counts]) -> None:
    for role, counts in more.items():
        into[role] = into.get(role, Counts()) + counts


def score_documents(
    documents: Iterable[tuple[Sequence[GoldEvent], Sequence[PredictedEvent]]],
    head: Head,
    roles: Sequence[str],
) -> dict:
    """End to end over documents: ``{"events", "arguments", "roles", "found_arguments"}``.

    ``events`` and ``arguments`` are :class:`Counts`, ``roles`` the argument counts per role;
    ``found_arguments`` counts arguments on the matched event pairs only (how well the arguments of
    the events found are read, apart from finding the events).
    """
    events, found = Counts(), Counts()
    per_role: dict[str, Counts] = {role: Counts() for role in roles}
    for golds, preds in documents:
        pairs = align_events(golds, preds, head)
        events = events + Counts(len(pairs), len(preds), len(golds))
        matched_gold = {g for g, _ in pairs}
        matched_pred = {p for _, p in pairs}
        for g, p in pairs:
            counts = argument_counts(golds[g].arguments, preds[p].arguments, head, roles)
            found = found + total(counts.values())
            _add(per_role, counts)
        for i, gold in enumerate(golds):
            if i not in matched_gold:
                _add(per_role, _unmatched(gold.arguments, roles, gold=True))
        for i, pred in enumerate(preds):
            if i not in matched_pred:
                _add(per_role, _unmatched(pred.arguments, roles, gold=False))
    per_role = {role: per_role[role] for role in roles}
    return {
        "events": events,
        "arguments": total(per_role.values()),
        "roles": per_role,
        "found_arguments": found,
    }


def score_given_triggers(
    pairs: Iterable[tuple[Iterable[tuple[str, str]], Iterable[tuple[str, str]]]],
    head: Head,
    roles: Sequence[str],
) -> dict:
    """Arguments only, for systems given the gold events: (gold arguments, predicted arguments) pairs."""
    per_role: dict[str, Counts] = {role: Counts() for role in roles}
    for gold, pred in pairs:
        _add(per_role, argument_counts(gold, pred, head, roles))
    return {"arguments": total(per_role.values()), "roles": per_role}
