"""The learned event detector: its training data (bench/train_events.py), its model file, its proposals
in extraction, and its weights in the extractor version."""

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
from kg.extract.learned import (
    FEATURES,
    MODEL_FILE,
    RULE,
    EventModel,
    parse_model,
    read_model,
    sentence_features,
    shipped_model,
    using,
)
from kg.extract.lexicon import load_lexicon
from kg.extract.rules import load_rules
from kg.extract.version import extraction_files
from kg.model import Article

sys.path.insert(0, str(ROOT / "bench"))

import train_events  # noqa: E402

TEXT = (
    "Gunmen attacked a police station in Tala on Monday. "
    "Crowds toppled the statue of the governor in Kessa. "
    "The weather in Kessa was mild."
)


def _model(weights: dict[str, dict[str, float]], bias: float = -3.0, threshold: float = 0.5) -> EventModel:
    return parse_model(
        {
            "features": FEATURES,
            "types": list(weights),
            "bias": dict.fromkeys(weights, bias),
            "weights": weights,
            "threshold": threshold,
        },
        "test model",
    )


TOPPLE = _model({"Protest": {"lem:topple": 6.0}})


def _article(text: str = TEXT) -> Article:
    return Article("t1", "", text, PUBLISHED)


# --- training data


def test_examples_label_each_sentence_and_type_by_the_gold_evidence_and_say_what_the_rules_found(nlp) -> None:
    doc = nlp(TEXT)
    gold = [
        {"type": "Attack", "evidence": "Gunmen attacked a police station in Tala on Monday."},
        {"type": "Protest", "evidence": "Crowds toppled the statue of the governor in Kessa."},
    ]
    found = train_events.examples(doc, _article(), gold, load_lexicon())
    assert len(found) == 3 * 7
    by = {(e.sentence, e.type): e for e in found}
    assert {k for k, e in by.items() if e.label} == {(0, "Attack"), (1, "Protest")}
    assert "rule:Attack" in by[(0, "Attack")].features  # the rules found it: the model learns from it too
    assert "rule:Protest" not in by[(1, "Protest")].features  # a miss of the rules
    assert "lem:topple" in by[(1, "Protest")].features and "position:2" in by[(2, "Protest")].features


def test_the_evidence_sentence_is_the_one_it_overlaps_most(nlp) -> None:
    doc = nlp("KESSA, Tala —\n\nCrowds toppled the statue of the governor on Monday. It rained.")
    sentences = list(doc.sents)
    index = train_events.evidence_sentence(
        doc, "KESSA, Tala — Crowds toppled the statue of the governor on Monday."
    )
    assert "toppled" in sentences[index].text
    assert train_events.evidence_sentence(doc, "Nothing of this is in the text.") is None


def test_articles_of_one_incident_share_a_group_and_a_fold() -> None:
    gold = [
        {"doc": "a1", "events": [{"incident": "x"}]},
        {"doc": "a2", "events": [{"incident": "y"}, {"incident": "x"}]},
        {"doc": "a3", "events": [{"incident": "y"}]},
        {"doc": "a4", "events": [{}]},
        {"doc": "a5", "events": []},
    ]
    groups = train_events.groups(gold)
    assert groups["a1"] == groups["a2"] == groups["a3"]
    assert len({groups["a1"], groups["a4"], groups["a5"]}) == 3
    folds = train_events.folds(groups, 3)
    assert folds == train_events.folds(groups, 3)
    assert sorted(len(f) for f in folds) == [1, 1, 3]
    assert any({"a1", "a2", "a3"} <= f for f in folds)


def test_training_is_deterministic_and_gives_plain_weights(nlp) -> None:
    pytest.importorskip("sklearn")
    doc = nlp(TEXT)
    gold = [{"type": "Protest", "evidence": "Crowds toppled the statue of the governor in Kessa."}]
    data = train_events.examples(doc, _article(), gold, load_lexicon()) * 2
    one, two = train_events.fit(data, 1.0, 0.5), train_events.fit(data, 1.0, 0.5)
    assert one == two and one.types == ("Protest",)
    assert one.weights["Protest"]["lem:topple"] > 0
    assert all(isinstance(w, float) for w in one.weights["Protest"].values())


# --- the model file


def test_a_broken_model_file_fails_naming_the_file() -> None:
    with pytest.raises(LexiconError, match=r"kg/data/learned_events.json: is not valid JSON"):
        read_model("{not json", "kg/data/learned_events.json")
    good = {
        "features": FEATURES,
        "types": ["Attack"],
        "bias": {"Attack": 0},
        "weights": {"Attack": {}},
        "threshold": 0.5,
    }
    for change, message in (
        ({"types": ["Riot"]}, "'types' must list event types"),
        ({"threshold": 0}, "'threshold' must be a probability"),
        ({"weights": {}}, "no bias or weights for Attack"),
        ({"weights": {"Attack": {"lem:x": "high"}}}, "a weight of Attack is not a number"),
        ({"features": FEATURES + 1}, "was trained on features version"),
    ):
        with pytest.raises(LexiconError, match=rf"learned model m.json: {message}"):
            parse_model({**good, **change}, "m.json")


def test_the_shipped_model_loads_and_is_on_only_with_its_rule() -> None:
    model = shipped_model()
    assert model is not None and model.source == f"kg/data/{MODEL_FILE}"
    # switched on (types listed), the rule it stamps must be a named rule with its examples
    assert not model.types or RULE in load_rules()


# --- proposals in extraction


def test_the_model_proposes_a_trigger_the_rules_missed_with_its_probability_and_rule(nlp) -> None:
    with using(TOPPLE):
        explanation = explain(_article(), nlp)
        events = extract_doc(nlp(TEXT), _article()).events
    steps = [s for s in explanation.sentences[1].steps if s.rule == RULE]
    assert [(s.kind, s.text, s.event_type) for s in steps] == [("trigger", "toppled", "Protest")]
    assert steps[0].note == "p=0.95"
    protests = [e for e in events if e.type == "Protest"]
    assert len(protests) == 1 and "Crowds" in {e.label for e in protests[0].role("agent")}
    assert protests[0].evidence.sentence.startswith("Crowds toppled")


def test_no_proposal_below_the_threshold_where_the_rules_found_the_type_or_without_a_model(nlp) -> None:
    weak = _model({"Protest": {"lem:topple": 2.0}})  # p = 0.27
    for model in (weak, None):
        with using(model):
            assert RULE not in explain(_article(), nlp).rules()
    marched = "Crowds marched through Kessa on Monday and toppled the statue of the governor."
    with using(TOPPLE):
        assert RULE not in explain(_article(marched), nlp).rules()  # the rules found the protest


def test_a_proposal_under_a_negation_is_rejected_as_negated(nlp) -> None:
    text = "Gunmen attacked a police station in Tala on Monday. Crowds did not topple the statue in Kessa."
    with using(TOPPLE):
        explanation = explain(_article(text), nlp)
    steps = [(s.kind, s.rule, s.text) for s in explanation.sentences[1].steps]
    assert ("trigger", RULE, "topple") in steps
    assert ("rejected_trigger", "trigger.negated", "topple") in steps
    assert ("rejected_trigger", "trigger.unreal", "topple") not in steps
    assert [e.type for e in explanation.events] == ["Attack"]


def test_features_are_categories_and_context_not_only_words(nlp) -> None:
    doc = nlp("“We will burn their offices,” the militants said, after 12 people were killed in Kessa.")
    features, words = sentence_features(next(doc.sents), 0, [], load_lexicon())
    assert {"quote", "future", "count:killed", "ent:GPE", "position:0", "cue:speech"} <= features
    assert "lex:Attack" in features  # "killed", a word of the attack lexicon
    assert all(doc[i].pos_ in {"VERB", "NOUN"} for i in words)


# --- the extractor version


def test_the_weights_are_part_of_the_extractor_version() -> None:
    names = dict(extraction_files())
    assert f"data/{MODEL_FILE}" in names
    data = json.loads(Path(names[f"data/{MODEL_FILE}"]).read_text(encoding="utf-8"))
    assert data["features"] == FEATURES


def test_fold_examples_are_those_of_the_articles_outside_the_fold() -> None:
    data = {"a1": ["a1-s0", "a1-s1"], "a2": ["a2-s0"], "a3": ["a3-s0"]}
    assert train_events.fold_examples(data, {"a2"}) == ["a1-s0", "a1-s1", "a3-s0"]


def test_out_of_fold_extracts_each_fold_with_its_own_model_and_scores_them_together(monkeypatch) -> None:
    parsed = [(None, Article(name, "", TEXT, PUBLISHED)) for name in ("a1", "a2", "a3")]
    scored = []

    def figures(scorer, gold, rows):
        scored.append(rows)
        return {"n": len(rows)}

    monkeypatch.setattr(train_events, "figures", figures)
    extract = lambda part, model: [{"doc": a.id, "model": model} for _, a in part]  # noqa: E731
    fig, rows = train_events.out_of_fold(parsed, [], [{"a1", "a3"}, {"a2"}], ["m1", "m2"], None, extract)
    assert rows == [{"doc": "a1", "model": "m1"}, {"doc": "a3", "model": "m1"}, {"doc": "a2", "model": "m2"}]
    assert fig == {"n": 3} and scored == [rows]


def test_beating_needs_the_gain_on_both_events_and_arguments() -> None:
    base = {"events": (0, 0, 0.70), "arguments": (0, 0, 0.50)}
    both = (0.3, 0.5, {"events": (0, 0, 0.71), "arguments": (0, 0, 0.51)}, [])
    events_only = (0.3, 0.4, {"events": (0, 0, 0.75), "arguments": (0, 0, 0.502)}, [])
    assert train_events.beating([both, events_only], base, 0.005) == [both]
