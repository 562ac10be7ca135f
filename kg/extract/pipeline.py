"""Loading the spaCy pipeline, with the components extraction adds to it."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import PipelineError
from kg.extract.dateline import dateline_end
from kg.settings import model_name

LINE_BREAKS = "kg_line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, standfirsts and widget lines carry no final period."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text or "\n" in token.whitespace_ and not token.is_space:
            doc[token.i + 1].is_sent_start = True
    _split_datelines(doc)
    return doc


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
    if LINE_BREAKS not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(LINE_BREAKS, before="parser")
        else:
            nlp.add_pipe(LINE_BREAKS, first=True)
    return nlp
