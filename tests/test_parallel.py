"""kg.parallel: what a --jobs worker sends back for a chunk (run here in-process, on the real pipeline)."""

from __future__ import annotations

from datetime import datetime, timezone

import pyoxigraph as ox
import pytest

import kg.rdf
from kg import settings
from kg.extract import extract
from kg.model import Article
from kg.parallel import extract_chunk
from kg.rdf import extraction_quads

pytestmark = pytest.mark.slow

AT = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)
ARTICLES = [
    Article(
        "raid", "Rebels raid depot", "Rebels attacked a fuel depot in Tarvona on Monday, killing four guards."
    ),
    Article(
        "blast", "Blast at market", "A bomb exploded at a market in Ostrava on Friday, injuring six people."
    ),
    Article("protest", "Crowds march", "Thousands protested in Velden against the killings on Sunday."),
]


def test_a_chunk_comes_back_mapped_as_one_process_maps_it(nlp) -> None:
    model = settings.model_name()
    done, failures, warnings = extract_chunk(ARTICLES, model, 32, AT)
    here = {ex.article.id: ex for ex in extract(ARTICLES, nlp)}
    assert [article_id for article_id, *_ in done] == ["raid", "blast", "protest"]
    assert failures == [] and warnings == []
    for article_id, data, n_events, extraction in done:
        assert extraction == here[article_id] and n_events == len(extraction.events)
        expected = extraction_quads(here[article_id], generated_at=AT, model=model)
        assert list(ox.parse(data, ox.RdfFormat.N_QUADS)) == expected  # same quads, same order


def test_a_chunk_reports_the_article_it_could_not_map_and_the_values_dropped(
    nlp, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = kg.rdf.extraction_quads

    def mapping(extraction, *, generated_at, model, on_warning):
        if extraction.article.id == "blast":
            raise ValueError("no such place")
        on_warning(f"{extraction.article.id}: dropped time '815'")
        return real(extraction, generated_at=generated_at, model=model, on_warning=on_warning)

    monkeypatch.setattr(kg.rdf, "extraction_quads", mapping)
    done, failures, warnings = extract_chunk(ARTICLES, settings.model_name(), 32, AT)
    assert [article_id for article_id, *_ in done] == ["raid", "protest"]
    assert failures == [("RDF mapping", "blast", "ValueError: no such place")]
    assert warnings == ["raid: dropped time '815'", "protest: dropped time '815'"]
