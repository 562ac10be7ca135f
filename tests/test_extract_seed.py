"""The seed article end to end: the Kerman bombings, who claimed, condemned and denied them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract
from kg.ingest import iter_articles
from kg.model import Event, Extraction

WIDGET = (
    "Share this news",
    "0 0 votes",
    "Article Rating",
    "Notify of",
    "Inline Feedbacks",
    "View all comments",
)


@pytest.fixture(scope="module")
def seed(nlp, seed_dir: Path) -> Extraction:
    articles = list(iter_articles([seed_dir / "islamic-state-claims-kerman.txt"], on_error=print))
    assert len(articles) == 1
    return next(extract(articles, nlp))


def agents(event: Event) -> set[str]:
    return {e.label for e in event.role("agent")}


@pytest.fixture(scope="module")
def bombing(seed: Extraction) -> Event:
    found = [
        e for e in seed.events if e.type == "Attack" and "Kerman" in {p.label for p in e.role("location")}
    ]
    assert len(found) == 1
    return found[0]


def test_the_bombing(bombing: Event) -> None:
    assert (bombing.killed, bombing.approximate, bombing.injured) == (100, True, 284)
    assert "Islamic State" in agents(bombing)


def test_claim_condemnation_and_denial_are_about_the_bombing(seed: Extraction, bombing: Event) -> None:
    about = {(e.type, label) for e in seed.events if e.about == bombing.key for label in agents(e)}
    assert ("ClaimResponsibility", "Islamic State") in about
    assert any(kind == "Condemn" and "Security Council" in label for kind, label in about)
    assert ("Deny", "United States") in about


def test_no_reason_to_believe_is_no_accusation_of_israel(seed: Extraction) -> None:
    """The United States saw "no reason to believe Israel was involved": that accuses no one.

    (Iran "has often accused its archenemies, Israel and the United States" is a real accusation.)
    """
    of_israel = [
        e for e in seed.events if e.type == "Accuse" and "Israel" in {t.label for t in e.role("target")}
    ]
    assert of_israel and all(agents(e) == {"Iran"} for e in of_israel)
    assert not [
        e for e in seed.events if e.type == "Accuse" and "no reason to believe" in e.evidence.sentence
    ]


def test_comment_widget_lines_give_no_event(seed: Extraction) -> None:
    assert not [e for e in seed.events if any(line in e.evidence.sentence for line in WIDGET)]


def test_evidence_offsets_match_the_article_text(seed: Extraction) -> None:
    assert len(seed.events) >= 3  # the bombing, the claim and the reactions: offsets of real evidence
    for event in seed.events:
        evidence = event.evidence
        assert seed.article.text[evidence.start : evidence.end] == evidence.sentence
