"""The pipeline and the streaming API: caching, missing packages, headline lines, errors per article."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

import kg.extract.document
from kg.errors import ExtractionError, PipelineError
from kg.extract import extract, extractor_version, load_pipeline
from kg.extract.pipeline import LINE_BREAKS
from kg.model import Article


def test_pipeline_is_cached_and_has_line_breaks(nlp) -> None:
    assert load_pipeline() is nlp
    assert load_pipeline(nlp.meta["lang"] + "_" + nlp.meta["name"]) is nlp
    assert LINE_BREAKS in nlp.pipe_names
    assert nlp.pipe_names.index(LINE_BREAKS) < nlp.pipe_names.index("parser")


def test_missing_pipeline_names_the_package() -> None:
    with pytest.raises(PipelineError, match="'no_such_pipeline_xyz' is not installed; pip install"):
        load_pipeline("no_such_pipeline_xyz")


def test_headline_lines_are_sentences(nlp) -> None:
    doc = nlp(
        "Rebels seize town in the north\n\nOfficials say the army withdrew\n\nThe army withdrew on Monday."
    )
    assert [s.text.strip() for s in doc.sents] == [
        "Rebels seize town in the north",
        "Officials say the army withdrew",
        "The army withdrew on Monday.",
    ]


def articles() -> list[Article]:
    return [
        Article("one", "t", "Gunmen attacked a market in Kano."),
        Article("two", "t", "The Crimson Hand condemned the raid on a village near Gao."),
    ]


def test_extract_streams_one_extraction_per_article(nlp) -> None:
    found = list(extract(articles(), nlp, batch_size=1))
    assert [ex.article.id for ex in found] == ["one", "two"]
    assert found[0].events[0].evidence.extractor_version == extractor_version()
    assert found[0].events[0].evidence.article_id == "one"


def test_a_failing_article_is_reported_and_the_batch_goes_on(nlp, monkeypatch) -> None:
    real = kg.extract.document.extract_doc

    def flaky(doc: Doc, article: Article):
        if article.id == "one":
            raise ValueError("broken parse")
        return real(doc, article)

    monkeypatch.setattr("kg.extract.extract_doc", flaky)
    errors: list[ExtractionError] = []
    found = list(extract(articles(), nlp, on_error=errors.append))
    assert [ex.article.id for ex in found] == ["two"]
    assert len(errors) == 1 and "'one'" in str(errors[0]) and "broken parse" in str(errors[0])


def test_without_on_error_the_failure_is_raised(nlp, monkeypatch) -> None:
    def broken(doc: Doc, article: Article):
        raise ValueError("broken parse")

    monkeypatch.setattr("kg.extract.extract_doc", broken)
    with pytest.raises(ExtractionError, match="'one'"):
        list(extract(articles(), nlp))


def test_extracted_docs_leave_no_reference_cycle(nlp) -> None:
    """A doc goes as soon as the stream is done with it, not at the next cyclic collection (a build
    freezes what is alive at its linking rounds, kg.build._freeze_survivors: a doc in a cycle then stays)."""
    import gc

    articles = [
        Article(f"c{i}", "", f"Gunmen from the Dune Front attacked a convoy near Ostra on day {i}; two died.")
        for i in range(3)
    ]
    gc.collect()
    gc.disable()
    try:
        before = sum(type(o) is Doc for o in gc.get_objects())
        extractions = list(extract(articles, nlp))
        after = sum(type(o) is Doc for o in gc.get_objects())
    finally:
        gc.enable()
    assert len(extractions) == 3
    assert after == before
