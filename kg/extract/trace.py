"""The record of one extraction: which rule made each trigger, took or rejected each candidate argument,
and merged each mention, sentence by sentence.

Extraction records into the :class:`Trace` of the current context, if any (:func:`tracing`); with none
(the normal run) each recording point costs one context-variable read. :func:`kg.extract.explain` runs
the very same extraction with a trace installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

STEP_KINDS = (
    "trigger",
    "rejected_trigger",
    "candidate",
    "argument",
    "rejected_argument",
    "merge",
    "kept_apart",
    "split",
    "background",
)


@dataclass(frozen=True)
class Step:
    """One decision: ``kind`` is one of :data:`STEP_KINDS`, ``rule`` the dotted rule id that made it.

    ``trigger`` is the text of the trigger the step concerns, ``start``/``end`` character offsets of
    ``text`` (the words decided on) in the article, ``note`` what the rule says about them.
    """

    kind: str
    rule: str
    sentence: int
    text: str
    start: int
    end: int
    trigger: str = ""
    event_type: str = ""
    role: str = ""
    value: str = ""
    note: str = ""


@dataclass
class Trace:
    """The steps of one extraction in the order extraction took them."""

    steps: list[Step] = field(default_factory=list)
    sentence: int = 0

    def add(self, kind: str, rule: str, text: str, start: int, end: int, **fields: str | int) -> None:
        sentence = int(fields.pop("sentence", self.sentence))
        self.steps.append(Step(kind, rule, sentence, text, start, end, **fields))  # type: ignore[arg-type]

    def rules(self, kind: str | None = None) -> set[str]:
        """The ids of the rules that made a step (of one kind)."""
        return {s.rule for s in self.steps if kind is None or s.kind == kind}


_CURRENT: ContextVar[Trace | None] = ContextVar("kg_extract_trace", default=None)


def tracing() -> Trace | None:
    """The trace being recorded, or None when nobody asked for one."""
    return _CURRENT.get()


@contextmanager
def recording() -> Iterator[Trace]:
    """Record the extractions run inside the block into a new trace."""
    trace = Trace()
    token = _CURRENT.set(trace)
    try:
        yield trace
    finally:
        _CURRENT.reset(token)


def span_offsets(doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets in the article of the tokens ``start`` to ``end`` (exclusive) of ``doc``."""
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last.text)


def record_refs(
    kind: str,
    refs,
    doc,
    trigger,
    role: str,
    rule: str | None = None,
    note: str = "",
    sentence: int | None = None,
) -> None:
    """Record argument candidates (``Ref``s of ``trigger``), each under its own rule unless ``rule``."""
    trace = _CURRENT.get()
    if trace is None:
        return
    where = {} if sentence is None else {"sentence": sentence}
    for ref in refs:
        start, end = span_offsets(doc, ref.start, ref.end)
        trace.add(
            kind,
            rule or ref.rule,
            doc.text[start:end],
            start,
            end,
            trigger=trigger.text,
            event_type=trigger.type,
            role=role,
            note=note,
            **where,
        )


def record_tokens(kind: str, rule: str, doc, start: int, end: int, **fields: str) -> None:
    """Record a step about the tokens ``start`` to ``end`` (exclusive) of ``doc``."""
    trace = _CURRENT.get()
    if trace is None:
        return
    first, last = span_offsets(doc, start, end)
    trace.add(kind, rule, doc.text[first:last], first, last, **fields)
