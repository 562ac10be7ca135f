"""Extraction: a spaCy Doc of a news article → its entities and events (:class:`kg.model.Extraction`).

Steps, each a small module driven by the data files under ``kg/data/``: sentence fixes
(:mod:`.pipeline`), trigger detection (:mod:`.triggers`, :mod:`.suppression`), the frames of a sentence
(:mod:`.frames`): role linking (:mod:`.roles`, :mod:`.specs`, :mod:`.refs`), event places
(:mod:`.locations`), attachment of places, dates and counts (:mod:`.attach`), background tests
(:mod:`.background`), casualty counts (:mod:`.numbers`), dates (:mod:`.dates`); then entity resolution
(:mod:`.entities`, with :mod:`kg.gazetteer`) and event coreference (:mod:`.coref`) over one value per mention
(:class:`.draft.Draft`), assembled by :mod:`.document`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language

from kg.errors import ExtractionError
from kg.extract.cache import forget_ents
from kg.extract.document import extract_doc
from kg.extract.pipeline import load_pipeline
from kg.extract.version import extractor_version
from kg.model import Article, Extraction

__all__ = ["extract", "extract_doc", "extractor_version", "load_pipeline"]


def extract(
    articles: Iterable[Article],
    nlp: Language | None = None,
    *,
    batch_size: int = 32,
    n_process: int = 1,
    on_error: Callable[[ExtractionError], None] | None = None,
) -> Iterator[Extraction]:
    """Stream the extractions of ``articles`` through ``nlp.pipe``; a failing article goes to ``on_error``."""
    pipeline = nlp if nlp is not None else load_pipeline()
    stream = ((article.text, article) for article in articles)
    for doc, article in pipeline.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process):
        try:
            extraction = extract_doc(doc, article)
        except Exception as exc:  # one bad article must not stop the batch
            error = ExtractionError(f"article {article.id!r}: extraction failed: {type(exc).__name__}: {exc}")
            if on_error is None:
                raise error from exc
            on_error(error)
            continue
        finally:
            forget_ents(doc)  # no reference cycle left: the doc goes when the pipeline drops it
        yield extraction
