"""The learned event detector: a linear model over what spaCy gives proposes the events the rules miss.

For each sentence and each event type the rules found no trigger of, the model scores the sentence from
binary features (:func:`sentence_features`: the lemmas of its verbs and nouns, their trigger-lexicon and
cue categories, entity labels, casualty counts, quotes, negation, future auxiliaries, the types the
rules did find, where the sentence stands in the article). When the probability reaches the model's
threshold, the sentence's verb or noun that weighs most for that type (by its own features) becomes a
trigger of the rule ``trigger.learned``, its weight the probability; the role machinery reads its
arguments as for any trigger, so every value keeps its provenance.

The weights are plain data, ``kg/data/learned_events.json``, written by ``bench/train_events.py`` (trained
on ``bench/real/tune`` only) and part of the extractor version. Inference is a sum of stored weights:
no learning library is imported at run time.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from kg.errors import LexiconError
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.numbers import casualty_counts
from kg.extract.suppression import negated, unreal
from kg.extract.trace import record_tokens, tracing
from kg.extract.triggers import Trigger
from kg.extract.weights import ModelChoice, read_json, shipped_text
from kg.model import EVENT_TYPES

MODEL_FILE = "learned_events.json"
RULE = "trigger.learned"
FEATURES = 1
"""The version of :func:`sentence_features`: a model trained on other features is refused."""
CANDIDATE_POS = {"VERB": "VERB", "NOUN": "NOUN"}
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})


@dataclass(frozen=True)
class EventModel:
    """One logistic model per event type over binary features; ``threshold`` is the probability from
    which a sentence gets a trigger; ``types`` are the event types the model may propose."""

    types: tuple[str, ...]
    bias: Mapping[str, float]
    weights: Mapping[str, Mapping[str, float]]
    threshold: float
    source: str = MODEL_FILE

    def probability(self, event_type: str, features: set[str]) -> float:
        table = self.weights.get(event_type, {})
        z = self.bias.get(event_type, 0.0) + sum(table.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def weight_of(self, event_type: str, features: list[str]) -> float:
        table = self.weights.get(event_type, {})
        return sum(table.get(f, 0.0) for f in features)


def _fail(source: str, reason: str) -> LexiconError:
    return LexiconError(f"learned model {source}: {reason} (retrain with python bench/train_events.py)")


def parse_model(data: Any, source: str = MODEL_FILE) -> EventModel:
    """A model from its parsed JSON, checked: a malformed file fails here, naming it."""
    if not isinstance(data, dict):
        raise _fail(source, "is not a JSON object")
    if data.get("features") != FEATURES:
        version = data.get("features")
        raise _fail(source, f"was trained on features version {version!r}, this kg reads {FEATURES}")
    types, bias, weights, threshold = (data.get(k) for k in ("types", "bias", "weights", "threshold"))
    if not isinstance(types, list) or any(t not in EVENT_TYPES for t in types):
        raise _fail(source, f"'types' must list event types of {', '.join(EVENT_TYPES)}, not {types!r}")
    if not isinstance(threshold, (int, float)) or not 0.0 < threshold <= 1.0:
        raise _fail(source, f"'threshold' must be a probability above 0, not {threshold!r}")
    if not isinstance(bias, dict) or not isinstance(weights, dict):
        raise _fail(source, "'bias' and 'weights' must be objects keyed by event type")
    for event_type in types:
        table = weights.get(event_type)
        if not isinstance(bias.get(event_type), (int, float)) or not isinstance(table, dict):
            raise _fail(source, f"no bias or weights for {event_type}")
        if any(not isinstance(w, (int, float)) for w in table.values()):
            raise _fail(source, f"a weight of {event_type} is not a number")
    return EventModel(
        tuple(types),
        {t: float(bias[t]) for t in types},
        {t: {f: float(w) for f, w in weights[t].items()} for t in types},
        float(threshold),
        source,
    )


def read_model(text: str, source: str) -> EventModel:
    return parse_model(read_json(text, source, _fail), source)


@functools.cache
def shipped_model() -> EventModel | None:
    """The model shipped in ``kg/data/`` (None when the file is absent: the rules alone)."""
    text = shipped_text(MODEL_FILE)
    return None if text is None else read_model(text, f"kg/data/{MODEL_FILE}")


_CHOICE: ModelChoice[EventModel] = ModelChoice("kg_learned_model", shipped_model)


def using(model: EventModel | None) -> contextlib.AbstractContextManager[None]:
    """Extract with ``model`` (None: the rules alone) instead of the shipped one, inside the block."""
    return _CHOICE.using(model)


def current_model() -> EventModel | None:
    return _CHOICE.current()


@functools.cache
def _cue_index(lex: Lexicon) -> dict[str, tuple[str, ...]]:
    """Word → the names of the cue lists (``cues.yaml``) that hold it."""
    index: dict[str, list[str]] = {}
    for name, words in lex.cues.items():
        if isinstance(words, list):
            for word in words:
                if isinstance(word, str):
                    index.setdefault(word.lower(), []).append(name)
    return {w: tuple(names) for w, names in index.items()}


def token_features(token: Token, lex: Lexicon) -> list[str]:
    """The features of one candidate word: its lemma, the trigger-lexicon types and cue lists of its
    forms (under either part of speech), those types by its dependency relation, its head's cue lists."""
    lemma = token.lemma_.lower()
    found = [f"lem:{lemma}"]
    types = set()
    for group in ("VERB", "NOUN"):
        form = first_in(token, lex.trigger_options(group))
        if form:
            types |= {kind for kind, _ in lex.trigger_options(group)[form]}
    for kind in sorted(types):
        found += [f"lex:{kind}", f"lexdep:{kind}:{token.dep_}"]
    cues = _cue_index(lex)
    found += [f"cue:{name}" for name in cues.get(lemma, ())]
    if token.head is not token:
        found += [f"headcue:{name}" for name in cues.get(token.head.lemma_.lower(), ())]
    return found


def candidates(sentence: Span, lex: Lexicon) -> list[Token]:
    """The words that may carry a learned trigger: verbs and common nouns, not names, dates or numbers."""
    barred = lex.cue("non_trigger_entities")
    return [t for t in sentence if t.pos_ in CANDIDATE_POS and t.ent_type_ not in barred and t.is_alpha]


def sentence_features(
    sentence: Span, index: int, triggers: list[Trigger], lex: Lexicon
) -> tuple[set[str], dict[int, list[str]]]:
    """The features of a sentence (a set) and of each of its candidate words (token index → features)."""
    words = {t.i: token_features(t, lex) for t in candidates(sentence, lex)}
    found = {f for features in words.values() for f in features}
    found |= {f"ent:{t.ent_type_}" for t in sentence if t.ent_type_ and t.ent_iob_ == "B"}
    found |= {f"count:{c.kind}" for c in casualty_counts(sentence, lex)}
    found |= {f"rule:{t.type}" for t in triggers if not t.suppressed}
    found |= {f"rule_suppressed:{t.type}" for t in triggers if t.suppressed}
    if any(t.text in QUOTES for t in sentence):
        found.add("quote")
    if any(t.dep_ == "neg" for t in sentence):
        found.add("negation")
    if any(t.lower_ in lex.cue("future_aux") for t in sentence):
        found.add("future")
    found.add(f"position:{min(index, 3)}")
    return found, words


def propose(sentence: Span, index: int, triggers: list[Trigger], lex: Lexicon) -> list[Trigger]:
    """Triggers the model proposes in a sentence, one per event type the rules found none of there."""
    model = current_model()
    if model is None:
        return []
    missing = [t for t in model.types if all(found.type != t for found in triggers)]
    if not missing:
        return []
    features, words = sentence_features(sentence, index, triggers, lex)
    taken = {a for t in triggers for a in t.anchors}
    free = {i: f for i, f in words.items() if i not in taken}
    doc = sentence.doc
    proposed = []
    for event_type in missing:
        p = model.probability(event_type, features)
        if p < model.threshold or not free:
            continue
        best = max(sorted(free), key=lambda i: model.weight_of(event_type, free[i]))
        token = doc[best]
        others = {t.token for t in triggers}
        denied = negated(token, event_type, lex, others)
        suppressed = denied or unreal(token, event_type, lex)
        trigger = Trigger(
            event_type, best, token.text, CANDIDATE_POS[token.pos_], round(p, 3), (best,), suppressed, RULE
        )
        proposed.append(trigger)
        if tracing() is not None:
            fields = {"trigger": token.text, "event_type": event_type}
            record_tokens("trigger", RULE, doc, best, best + 1, note=f"p={p:.2f}", **fields)
            if suppressed:
                rule = "trigger.negated" if denied else "trigger.unreal"
                record_tokens("rejected_trigger", rule, doc, best, best + 1, **fields)
    return proposed
