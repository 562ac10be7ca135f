"""Loading the spaCy pipeline, with the components extraction adds to it."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.errors import PipelineError
from kg.extract.annotators import replace_rule_components
from kg.extract.dateline import dateline_end
from kg.extract.lexicon import load_lexicon
from kg.settings import model_name

LINE_BREAKS = "kg_line_breaks"
NAME_PARTICLES = "kg_name_particles"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, standfirsts and widget lines carry no final period."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text or "\n" in token.whitespace_ and not token.is_space:
            doc[token.i + 1].is_sent_start = True
    _split_datelines(doc)
    return doc


@Language.component(NAME_PARTICLES)
def name_particles(doc: Doc) -> Doc:
    """A person's name cut after a particle ("Ursula von der" + "Leyen") runs on through the next name."""
    doc.ents = _joined_names(list(doc.ents), load_lexicon().cue("name_particles"))
    return doc


def _joined_names(ents: list[Span], particles: frozenset[str]) -> list[Span]:
    out: list[Span] = []
    for ent in ents:
        last = out[-1] if out else None
        cut = last is not None and last.label_ == "PERSON" and _particle_gap(last, ent, particles)
        out[-1:] = [Span(ent.doc, last.start, ent.end, label="PERSON")] if cut else [*out[-1:], ent]
    return out


def _particle_gap(name: Span, ent: Span, particles: frozenset[str]) -> bool:
    """Only lowercase particles stand between ``name`` and ``ent``, and at least one ("van" "den" "Broek")."""
    doc = ent.doc
    gap = [*doc[name.end - 1 : name.end], *doc[name.end : ent.start]]
    between = [t for t in gap if t.i >= name.end or t.lower_ in particles]
    return (
        name.end <= ent.start <= name.end + 3
        and bool(between)
        and all(t.lower_ in particles and t.is_lower for t in between)
        and doc[ent.start].is_title
    )


def _split_datelines(doc: Doc) -> None:
    """A wire dateline ("KANO, Nigeria —") is a sentence of its own, apart from the lead it heads."""
    offset = 0
    for line in doc.text.split("\n"):
        end = dateline_end(line)
        span = doc.char_span(offset + end, offset + end + 1, alignment_mode="expand") if end else None
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
        offset += len(line) + 1


def load_pipeline(name: str | None = None) -> Language:
    """The spaCy pipeline ``name`` (default ``$KG_MODEL``) with kg's components, loaded once per name."""
    return _load(model_name(name))


@functools.cache
def _load(resolved: str) -> Language:
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise PipelineError(
            f"spaCy pipeline {resolved!r} is not installed; pip install the package {resolved!r} "
            f"(or set KG_MODEL / --model to an installed one): {exc}"
        ) from exc
    replace_rule_components(nlp)  # the same annotations, worked out once per distinct token key
    if LINE_BREAKS not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(LINE_BREAKS, before="parser")
        else:
            nlp.add_pipe(LINE_BREAKS, first=True)
    if NAME_PARTICLES not in nlp.pipe_names and "ner" in nlp.pipe_names:
        nlp.add_pipe(NAME_PARTICLES, after="ner")
    return nlp
