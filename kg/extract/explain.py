"""Why extraction found what it found: the trace of one article, sentence by sentence, and its events.

:func:`explain` runs :func:`kg.extract.extract_doc` — the very extraction, not a second implementation —
with a :class:`~kg.extract.trace.Trace` installed, and returns the trace with the events. The command
``kg explain`` prints it (:func:`render_text`) or gives it as data (:func:`as_data`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language

from kg.errors import BadOptionError, NotFoundError
from kg.extract.document import extract_doc
from kg.extract.pipeline import load_pipeline
from kg.extract.trace import Step, recording
from kg.ingest import iter_articles
from kg.model import Article, Event, Extraction, Fact


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article with the steps extraction took in it."""

    index: int
    text: str
    start: int
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Explanation:
    """The trace of one article's extraction: its sentences with their steps, and the final events."""

    extraction: Extraction
    sentences: tuple[Sentence, ...]

    @property
    def events(self) -> tuple[Event, ...]:
        return self.extraction.events

    def rules(self, kind: str | None = None) -> set[str]:
        """The rules seen in the trace (making steps of one kind)."""
        return {
            s.rule for sentence in self.sentences for s in sentence.steps if kind is None or s.kind == kind
        }


def explain(article: Article, nlp: Language | None = None) -> Explanation:
    """Extract ``article`` recording every rule's decision."""
    pipeline = nlp if nlp is not None else load_pipeline()
    doc = pipeline(article.text)
    with recording() as trace:
        extraction = extract_doc(doc, article)
    by_sentence: dict[int, list[Step]] = {}
    for step in trace.steps:
        by_sentence.setdefault(step.sentence, []).append(step)
    sentences = tuple(
        Sentence(n, s.text.strip(), s.start_char, tuple(by_sentence.get(n, ())))
        for n, s in enumerate(doc.sents)
    )
    return Explanation(extraction, sentences)


def explain_text(text: str, nlp: Language | None = None, *, published: date | None = None) -> Explanation:
    """Explain a text given as is (an article with id ``text`` and no title)."""
    return explain(Article("text", "", text, published), nlp)


def _step(step: Step) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": step.kind, "rule": step.rule, "text": step.text, "start": step.start}
    data["end"] = step.end
    for name in ("trigger", "event_type", "role", "value", "note"):
        if getattr(step, name):
            data[name] = getattr(step, name)
    if step.kind in {"candidate", "argument", "rejected_argument"}:
        data.setdefault("value", step.text)
    return data


def _words(fact: Fact, text: str) -> str:
    """The words a fact was read from: in the headline (its sentence) or in the article text."""
    return (fact.support.sentence if fact.support.in_title else text)[fact.support.start : fact.support.end]


def _event(event: Event, text: str) -> dict[str, Any]:
    return {
        "key": event.key,
        "type": event.type,
        "trigger": event.trigger,
        "sentence": event.evidence.sentence,
        "arguments": [
            {
                "role": f.role,
                "value": f.value,
                "rule": f.support.rule,
                "text": _words(f, text),
                "start": f.support.start,
                "end": f.support.end,
                **({"in_title": True} if f.support.in_title else {}),
                **({"qualifier": f.qualifier} if f.qualifier else {}),
            }
            for f in event.facts
        ],
    }


def as_data(explanation: Explanation) -> dict[str, Any]:
    """The explanation as plain data (``kg explain --format json``)."""
    article = explanation.extraction.article
    text = article.text
    data = {
        "article": article.id,
        "sentences": [
            {"index": s.index + 1, "text": s.text, "steps": [_step(step) for step in s.steps]}
            for s in explanation.sentences
            if s.steps
        ],
        "events": [_event(e, text) for e in explanation.events],
    }
    return data


LABELS = {
    "trigger": "trigger",
    "rejected_trigger": "no event",
    "candidate": "candidate",
    "argument": "took",
    "rejected_argument": "rejected",
    "merge": "merged",
    "kept_apart": "kept apart",
    "split": "split",
    "background": "background",
}


def render_text(explanation: Explanation) -> str:
    """The explanation as lines for a terminal: each sentence with its steps, then the events."""
    lines: list[str] = []
    for sentence in explanation.sentences:
        if not sentence.steps:
            continue
        lines.append(f"[{sentence.index + 1}] {sentence.text}")
        for step in sentence.steps:
            lines.append("    " + _step_line(step))
    lines.append("events:")
    text = explanation.extraction.article.text
    for event in explanation.events:
        lines.append(f"  {event.key} {event.type} ({event.trigger!r})")
        for f in event.facts:
            words = _words(f, text) + (" (headline)" if f.support.in_title else "")
            qualifier = f" [{f.qualifier}]" if f.qualifier else ""
            lines.append(f"    {f.role:<9} {f.value}{qualifier}  ← {words!r}  {f.support.rule}")
    if not explanation.events:
        lines.append("  (none)")
    return "\n".join(lines)


def _step_line(step: Step) -> str:
    label = LABELS[step.kind]
    if step.kind in {"trigger", "rejected_trigger"}:
        kind = f" {step.event_type}" if step.event_type else ""
        return f"{label:<10} {step.text!r}{kind}  {step.rule}" + (f"  ({step.note})" if step.note else "")
    if step.kind in {"candidate", "argument", "rejected_argument"}:
        value = step.value or step.text
        where = f" of {step.trigger!r}" if step.trigger else ""
        note = f"  ({step.note})" if step.note else ""
        return f"{label:<10} {step.role or 'value'} {value!r}{where}  {step.rule}{note}"
    note = f"  ({step.note})" if step.note else ""
    return f"{label:<10} {step.event_type} {step.text!r}  {step.rule}{note}"


def find_article(article_id: str, paths: list[Path]) -> Article:
    """The article ``article_id`` among the files and folders ``paths`` (read as ``kg build`` reads them).

    The store keeps the events and their sentences, not the article text, so the text is read again
    from where it was built from.
    """
    if not paths:
        raise BadOptionError("--article needs the file or folder holding it: add --from PATH")
    for article in iter_articles(paths, on_error=lambda _: None):
        if article.id == article_id:
            return article
    raise NotFoundError(f"no article {article_id!r} in {', '.join(str(p) for p in paths)}")
