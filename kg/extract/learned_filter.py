"""The learned event filter: a linear model over the rules' own finished events drops the likely false ones.

Each event the rules made (an attack after coreference, a reaction after merging) is described by binary
features (:func:`event_features`: its type, the rules that made its trigger and its arguments, how many
roles it fills and which, its trigger's part of speech and dependency relation, negation, modality and
quotation around it, the background/anaphoric/generic flags, its confidence, whether its sentence holds
other events, where it stands in the article). A logistic model gives the probability that the event
matches a gold event; an event below the model's threshold is dropped, recorded as the rejection
``event.learned_filter`` (``kg explain`` shows it with its probability). A reaction about a dropped attack
is then about the first attack kept.

The weights are plain data, ``kg/data/learned_filter.json``, written by ``bench/train_filter.py`` (trained
on ``bench/real/tune`` only, labels from the shared scorer's alignment) and part of the extractor version.
Inference is a sum of stored weights: no learning library is imported at run time.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from kg.errors import LexiconError
from kg.extract.draft import Draft, record_draft
from kg.extract.lexicon import Lexicon
from kg.extract.weights import ModelChoice, read_json, shipped_text

MODEL_FILE = "learned_filter.json"
RULE = "event.learned_filter"
FEATURES = 1
"""The version of :func:`event_features`: a model trained on other features is refused."""
QUOTES = frozenset({'"', "“", "”"})
ROLE_VALUES = ("agents", "targets", "locations", "instruments", "time", "killed", "injured")


@dataclass(frozen=True)
class FilterModel:
    """One logistic model over binary event features; an event whose probability is below ``threshold``
    is dropped. ``enabled`` False: the file is kept for its figures, the extraction is the rules alone."""

    enabled: bool
    bias: float
    weights: Mapping[str, float]
    threshold: float
    source: str = MODEL_FILE

    def probability(self, features: Sequence[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _fail(source: str, reason: str) -> LexiconError:
    return LexiconError(f"learned filter {source}: {reason} (retrain with python bench/train_filter.py)")


def parse_filter(data: Any, source: str = MODEL_FILE) -> FilterModel:
    """A filter from its parsed JSON, checked: a malformed file fails here, naming it."""
    if not isinstance(data, dict):
        raise _fail(source, "is not a JSON object")
    if data.get("features") != FEATURES:
        raise _fail(
            source, f"was trained on features version {data.get('features')!r}, this kg reads {FEATURES}"
        )
    enabled, bias, weights, threshold = (data.get(k) for k in ("enabled", "bias", "weights", "threshold"))
    if not isinstance(enabled, bool):
        raise _fail(source, f"'enabled' must be true or false, not {enabled!r}")
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not 0.0 <= threshold < 1.0:
        raise _fail(source, f"'threshold' must be a probability from 0 to below 1, not {threshold!r}")
    if not isinstance(bias, (int, float)) or isinstance(bias, bool):
        raise _fail(source, f"'bias' must be a number, not {bias!r}")
    if not isinstance(weights, dict):
        raise _fail(source, "'weights' must be an object of feature → number")
    bad = next(
        (f for f, w in weights.items() if not isinstance(w, (int, float)) or isinstance(w, bool)), None
    )
    if bad is not None:
        raise _fail(source, f"the weight of {bad!r} is not a number")
    return FilterModel(
        enabled, float(bias), {f: float(w) for f, w in weights.items()}, float(threshold), source
    )


def read_filter(text: str, source: str) -> FilterModel:
    return parse_filter(read_json(text, source, _fail), source)


@functools.cache
def shipped_filter() -> FilterModel | None:
    """The filter shipped in ``kg/data/`` (None when the file is absent: the rules alone)."""
    text = shipped_text(MODEL_FILE)
    return None if text is None else read_filter(text, f"kg/data/{MODEL_FILE}")


_CHOICE: ModelChoice[FilterModel] = ModelChoice("kg_learned_filter", shipped_filter)
_COLLECT: ContextVar[list[list[str]] | None] = ContextVar("kg_learned_filter_features", default=None)


def using_filter(model: FilterModel | None) -> contextlib.AbstractContextManager[None]:
    """Extract with ``model`` (None: no filter) instead of the shipped one, inside the block."""
    return _CHOICE.using(model)


@contextlib.contextmanager
def collecting(into: list[list[str]]) -> Iterator[None]:
    """Append the features of every finished event (in the order of the extraction's events, before
    any is dropped) to ``into``: the training data of ``bench/train_filter.py``."""
    token = _COLLECT.set(into)
    try:
        yield
    finally:
        _COLLECT.reset(token)


def current_filter() -> FilterModel | None:
    found = _CHOICE.current()
    return found if isinstance(found, FilterModel) and found.enabled else None


def _bucket(value: float, edges: Sequence[float]) -> int:
    return sum(value >= e for e in edges)


def _inside_quotes(sentence: Span, at: int) -> bool:
    """Whether token ``at`` stands between quotation marks opened in its sentence."""
    marks = [t for t in sentence if t.text in QUOTES and t.i < at]
    straight = sum(t.text == '"' for t in marks)
    curly = sum(t.text == "“" for t in marks) - sum(t.text == "”" for t in marks)
    return straight % 2 == 1 or curly > 0


def event_features(
    draft: Draft,
    kind: str,
    index: int,
    sentence: Span,
    per_sentence: Counter,
    confidence: float,
    lex: Lexicon,
) -> list[str]:
    """The features of one finished event: ``kind`` "a" (attack) or "r" (reaction), ``index`` its place
    among its kind, ``per_sentence`` the number of events (by sentence, and by sentence and type)."""
    t = draft.type
    token = sentence.doc[draft.token]
    filled = draft.filled()
    rules = {draft.trigger.rule or "trigger.lexicon"} | {f.rule for f in draft.support}
    found = [f"type:{t}", f"filled:{min(filled, 4)}", f"{t}|filled:{min(filled, 3)}"]
    found += [f"rule:{r}" for r in sorted(rules)] + [f"{t}|trigger:{draft.trigger.rule or 'lexicon'}"]
    found += [f"has:{r}" for r in ROLE_VALUES if getattr(draft, r) not in (None, ())]
    found += [f"{t}|has:{r}" for r in ROLE_VALUES if getattr(draft, r) not in (None, ())]
    if draft.about is not None:
        found.append(f"{t}|has:about")
    found += [f"agent_kind:{e.kind}" for e in draft.agents]
    if any(e.key.endswith(")") for e in draft.agents):
        found.append("agent:description")
    found += [
        f"pos:{token.pos_}",
        f"dep:{token.dep_}",
        f"{t}|pos:{token.pos_}",
        f"head_pos:{token.head.pos_}",
    ]
    if any(c.dep_ == "neg" for c in token.children) or any(c.dep_ == "neg" for c in token.head.children):
        found.append("negated")
    if any(c.lower_ in lex.cue("future_aux") or c.tag_ == "MD" for c in token.children):
        found.append("modal")
    if token.tag_ in {"VBG", "VBN"} and token.dep_ in {"amod", "acl", "relcl"}:
        found.append("participle")
    if _inside_quotes(sentence, token.i):
        found.append("quoted")
    found += [f"{name}" for name in ("background", "anaphoric", "generic") if getattr(draft, name)]
    found.append(f"confidence:{_bucket(confidence, (0.3, 0.5, 0.7, 0.9))}")
    found.append(f"mentions:{min(len(draft.sentences), 3)}")
    others = per_sentence[draft.sentence] - 1
    same = per_sentence[(draft.sentence, t)] - 1
    found.append(f"others_in_sentence:{min(others, 2)}")
    if same:
        found.append(f"{t}|same_type_in_sentence")
    found += [f"position:{min(draft.sentence, 3)}", f"{t}|rank:{min(index, 2)}"]
    found.append(f"{t}|in_article:{min(per_sentence[t] - 1, 3)}")
    found += [f"{t}|agent_kind:{e.kind}" for e in draft.agents]
    if any(per_sentence[t, e.key] > 1 for e in draft.agents):
        found.append(f"{t}|agent_again")  # another event of its type by the same agent in the article
    if token.tag_ in {"NNS", "NNPS"}:
        found.append(f"{t}|plural")
    if kind == "r" and draft.about is None:
        found.append(f"{t}|about_nothing")
    return found


def filter_events(
    ordered: list[tuple[str, int, Draft]], doc: Doc, sentences: list[Span], confidence, lex: Lexicon
) -> list[tuple[str, int, Draft]]:
    """The events kept of the finished ones (``(kind, index, draft)`` in the extraction's order): all of
    them without a filter; each dropped one is recorded as ``event.learned_filter`` with its probability."""
    model, collect = current_filter(), _COLLECT.get()
    if model is None and collect is None:
        return ordered
    per_sentence: Counter = Counter()
    for _, _, d in ordered:
        per_sentence.update([d.sentence, (d.sentence, d.type), d.type, *((d.type, e.key) for e in d.agents)])
    kept = []
    for kind, n, draft in ordered:
        features = event_features(
            draft, kind, n, sentences[draft.sentence], per_sentence, confidence(draft), lex
        )
        if collect is not None:
            collect.append(features)
        p = model.probability(features) if model is not None else 1.0
        if model is not None and p < model.threshold:
            record_draft("rejected_trigger", RULE, draft, doc, note=f"p={p:.2f}")
        else:
            kept.append((kind, n, draft))
    return kept
