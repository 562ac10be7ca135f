"""Loading the spaCy pipeline, with the components extraction adds to it."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import PipelineError
from kg.settings import model_name

LINE_BREAKS = "kg_line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, standfirsts and widget lines carry no final period."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text or "\n" in token.whitespace_ and not token.is_space:
            doc[token.i + 1].is_sent_start = True
    return doc


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
