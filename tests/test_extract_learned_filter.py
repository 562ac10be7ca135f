"""The learned event filter: its features, its training data (bench/train_filter.py), its model file and
the events it drops in extraction (recorded as ``event.learned_filter``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from extract_helpers import PUBLISHED

from kg.errors import LexiconError
from kg.extract import extract_doc
from kg.extract.explain import explain
from kg.extract.learned_filter import (
    FEATURES,
    MODEL_FILE,
    RULE,
    FilterModel,
    collecting,
    parse_filter,
    read_filter,
    shipped_filter,
    using_filter,
)
from kg.extract.rules import load_rules
from kg.extract.version import extraction_files
from kg.model import Article

sys.path.insert(0, str(ROOT / "bench"))

import train_filter  # noqa: E402

TEXT = (
    "“Rebels bombed the market in Garo on Sunday,” a witness said. "
    "Gunmen attacked a police station in Tala on Monday. "
    "The mayor condemned the market bombing."
)


def _filter(weights: dict[str, float], bias: float = 5.0, threshold: float = 0.5) -> FilterModel:
    data = {"features": FEATURES, "enabled": True, "bias": bias, "weights": weights, "threshold": threshold}
    return parse_filter(data, "test filter")


QUOTED_OUT = _filter({"quoted": -10.0})


def _article(text: str = TEXT) -> Article:
    return Article("t1", "", text, PUBLISHED)


def _features(nlp, text: str) -> list[tuple[str, list[str]]]:
    found: list[list[str]] = []
    with using_filter(None), collecting(found):
        events = extract_doc(nlp(text), _article(text)).events
    assert len(found) == len(events)
    return [(e.trigger, f) for e, f in zip(events, found, strict=True)]


# --- features


def test_features_describe_the_rules_roles_syntax_and_context_of_each_event(nlp) -> None:
    (bombed, quoted), (attacked, plain), (condemned, reaction) = _features(nlp, TEXT)
    assert (bombed, attacked, condemned) == ("bombed", "attacked", "condemned")
    assert {"type:Attack", "rule:agent.subject", "rule:target.object", "has:locations", "has:time"} <= set(
        quoted
    )
    assert {"quoted", "pos:VERB", "dep:ccomp", "Attack|rank:0", "Attack|in_article:1"} <= set(quoted)
    assert "quoted" not in plain and {"dep:ROOT", "Attack|rank:1", "position:1"} <= set(plain)
    assert {"type:Condemn", "Condemn|has:about", "filled:1", "others_in_sentence:0"} <= set(reaction)
    assert not any(f.startswith("lem:") for _, fs in _features(nlp, TEXT) for f in fs)  # categories, no words


def test_features_see_two_events_in_one_sentence_and_an_agent_said_again(nlp) -> None:
    text = (
        "Gunmen attacked a bank in Tala and the army condemned the raid. The army blamed the rebels for it."
    )
    features = dict(_features(nlp, text))
    assert "others_in_sentence:1" in features["condemned"]
    assert "others_in_sentence:0" in features["blamed"]


# --- the filter in extraction


def test_the_filter_drops_an_event_below_its_threshold_and_records_why(nlp) -> None:
    with using_filter(QUOTED_OUT):
        explanation = explain(_article(), nlp)
    events = explanation.extraction.events
    assert [(e.key, e.trigger) for e in events] == [("e1", "attacked"), ("e2", "condemned")]
    steps = [s for s in explanation.sentences[0].steps if s.rule == RULE]
    assert [(s.kind, s.text, s.event_type, s.note) for s in steps] == [
        ("rejected_trigger", "bombed", "Attack", "p=0.01")
    ]
    # the condemnation was about the dropped attack: it is now about the first attack kept
    assert events[1].about == "e1" and any(f.role == "about" and f.value == "e1" for f in events[1].facts)


def test_no_event_dropped_above_the_threshold_when_switched_off_or_without_a_filter(nlp) -> None:
    plain = [e.trigger for e in extract_doc(nlp(TEXT), _article()).events]
    weak = _filter({"quoted": -4.0})  # p = 0.73
    off = FilterModel(False, QUOTED_OUT.bias, QUOTED_OUT.weights, 0.5)
    for model in (weak, off, None):
        with using_filter(model):
            assert [e.trigger for e in extract_doc(nlp(TEXT), _article()).events] == plain
            assert RULE not in explain(_article(), nlp).rules()


# --- training data and fitting


def test_examples_are_the_rules_events_labelled_by_the_scorer_alignment(nlp) -> None:
    scorer_path = ROOT.parent / "shared" / "eval" / "score.py"
    if not scorer_path.is_file():
        pytest.skip("the shared scorer is not here")
    attack = {"type": "Attack", "agent": [["Gunmen"]], "target": [["police station"]], "location": [["Tala"]]}
    gold = {"t1": [{**attack, "time": "2024-05-06", "about": None}]}
    data = train_filter.examples([(nlp(TEXT), _article())], gold, train_filter.load_scorer(scorer_path))
    labels = [label for _, label in data["t1"]]
    assert labels == [False, True, False]  # only the police station attack is gold
    assert "quoted" in data["t1"][0][0]


def test_training_is_deterministic_and_learns_from_the_labels() -> None:
    pytest.importorskip("sklearn")
    rows = [(["type:Attack", "quoted"], False), (["type:Attack"], True), (["type:Condemn"], True)] * 5
    one, two = train_filter.fit(rows, 1.0, 0.4), train_filter.fit(rows, 1.0, 0.4)
    assert one == two and one.enabled and one.threshold == 0.4
    assert one.weights["quoted"] < 0
    assert one.probability(["type:Attack", "quoted"]) < 0.5 < one.probability(["type:Attack"])


# --- the model file


def test_a_broken_filter_file_fails_naming_the_file() -> None:
    with pytest.raises(LexiconError, match=r"learned filter kg/data/learned_filter.json: is not valid JSON"):
        read_filter("{not json", "kg/data/learned_filter.json")
    good = {"features": FEATURES, "enabled": True, "bias": 1.0, "weights": {"quoted": -1.0}, "threshold": 0.3}
    assert parse_filter(good, "f.json").weights == {"quoted": -1.0}
    for change, message in (
        ({"features": FEATURES + 1}, "was trained on features version"),
        ({"enabled": "yes"}, "'enabled' must be true or false"),
        ({"threshold": 1.5}, "'threshold' must be a probability"),
        ({"bias": None}, "'bias' must be a number"),
        ({"weights": ["quoted"]}, "'weights' must be an object"),
        ({"weights": {"quoted": "low"}}, "the weight of 'quoted' is not a number"),
    ):
        with pytest.raises(LexiconError, match=rf"learned filter f.json: {message}"):
            parse_filter({**good, **change}, "f.json")
    with pytest.raises(LexiconError, match="is not a JSON object"):
        read_filter("[]", "f.json")


def test_the_shipped_filter_loads_is_versioned_and_is_on_only_with_its_rule() -> None:
    model = shipped_filter()
    assert model is not None and model.source == f"kg/data/{MODEL_FILE}"
    assert not model.enabled or RULE in load_rules()  # switched on, its rule needs its examples
    names = dict(extraction_files())
    data = json.loads(Path(names[f"data/{MODEL_FILE}"]).read_text(encoding="utf-8"))
    assert data["features"] == FEATURES and data["trained_on"] == "bench/real/tune"
