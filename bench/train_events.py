"""Train the learned event detector on the tuning split; with ``--cv``, measure it out of fold first.

    python bench/train_events.py [--cv] [--folds 5] [--out kg/data/learned_events.json]

Training data (:func:`examples`): every sentence of every ``bench/real/tune`` article × every event type,
with the features of :func:`kg.extract.learned.sentence_features`; the label is whether a gold event of
that type has its ``evidence`` in the sentence (the sentence it overlaps most). Sentences where the rules
found a trigger of the type are kept (their feature ``rule:TYPE`` says so): the model learns how events
are told from every gold event, not only from the few the rules miss, and proposes only where the rules
found none (where ``rule:TYPE`` is absent). One logistic regression per type
(scikit-learn, the ``train`` extra; fixed seed, deterministic solver), its weights written as JSON into
``kg/data/``.

``--cv``: k-fold cross-validation grouped by incident (articles sharing a gold ``incident`` slug are in one
fold; an article without one is its own group). Each fold is extracted with a model trained on the other
folds, for each regularisation strength and threshold of the grid; the out-of-fold event tables of all
folds are scored together with the shared scorer, against the rules alone on the same articles. The
configuration kept is the one with the best out-of-fold events F1 + arguments F1 among those adding at
least ``MIN_GAIN`` to both. The model trained on all of tune with it is then run on dev (``--dev``)
and ``bench/heldout*`` (evaluation only): it may not lower events or arguments F1 there by more than
``MAX_LOSS``. When no configuration beats the rules or a regression set loses, the model is written
switched off (``types: []``, the extraction is the rules alone) with the figures of the best one.
Only the tuning split is trained on; dev and heldout* are only scored, and bench/real/test is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from kg.errors import MissingExtraError
from kg.extract import extract_doc, load_pipeline
from kg.extract.document import _matcher
from kg.extract.learned import FEATURES, MODEL_FILE, EventModel, parse_model, sentence_features, using
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.triggers import find_triggers
from kg.ingest import iter_articles
from kg.model import EVENT_TYPES, Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import load_gold  # noqa: E402
from quality import (  # noqa: E402
    ROLES,
    SHARED,
    alignment,
    extraction_rows,
    figures,
    known_sets,
    load_articles,
    load_scorer,
)

BENCH = Path(__file__).resolve().parent
TUNE = BENCH / "real" / "tune"
OUT = BENCH.parent / "kg" / "data" / MODEL_FILE
SEED = 0
C_GRID = (0.3, 1.0, 3.0)
THRESHOLDS = (0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
MIN_WEIGHT = 0.01
"""Weights smaller than this are left out of the file (they move no probability by a percent)."""
MAX_LOSS = 0.01
"""How much events or arguments F1 the model trained on all of tune may cost dev or a heldout set."""
MIN_GAIN = 0.005
"""How much out-of-fold F1 (events and arguments each) a configuration must add to count as beating the
rules: the best of 18 configurations scored on the same folds gains a point or two by chance."""


@dataclass(frozen=True)
class Example:
    doc: str
    sentence: int
    type: str
    features: frozenset[str]
    label: bool


def _squash(text: str) -> str:
    return " ".join(text.split())


def evidence_sentence(doc: Doc, evidence: str) -> int | None:
    """The sentence of ``doc`` (by index) the evidence text overlaps most (a dateline split off as a
    sentence of its own loses to the sentence that tells the event); None when it is not in the text."""
    evidence = _squash(evidence)
    if not evidence:
        return None
    start = doc.text.find(evidence)
    if start >= 0:
        end = start + len(evidence)
    else:  # whitespace differs: search the squashed text, map back by counting characters
        squashed, where = [], []
        for i, ch in enumerate(doc.text):
            if ch.isspace() and squashed and squashed[-1] == " ":
                continue
            squashed.append(" " if ch.isspace() else ch)
            where.append(i)
        at = "".join(squashed).find(evidence)
        if at < 0:
            return None
        start, end = where[at], where[at + len(evidence) - 1] + 1
    overlaps = [(min(end, s.end_char) - max(start, s.start_char), -n) for n, s in enumerate(doc.sents)]
    most, n = max(overlaps)
    return -n if most > 0 else None


def examples(doc: Doc, article: Article, gold_events: list[dict], lex: Lexicon) -> list[Example]:
    """The training examples of one parsed article (see the module's docstring): every sentence × every
    event type, labelled by whether a gold event of that type has its evidence in the sentence."""
    told: dict[int, set[str]] = defaultdict(set)
    for event in gold_events:
        index = evidence_sentence(doc, event.get("evidence") or "")
        if index is not None:
            told[index].add(event["type"])
    matcher = _matcher(doc.vocab)
    result = []
    for index, sentence in enumerate(doc.sents):
        triggers = find_triggers(sentence, lex, matcher)
        features = frozenset(sentence_features(sentence, index, triggers, lex)[0])
        result += [Example(article.id, index, t, features, t in told[index]) for t in EVENT_TYPES]
    return result


def groups(gold: list[dict]) -> dict[str, str]:
    """Article id → its group: articles sharing a gold incident slug are one group (transitively)."""
    parent = {d["doc"]: d["doc"] for d in gold}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    owner: dict[str, str] = {}
    for d in gold:
        for event in d["events"]:
            slug = event.get("incident")
            if not slug:
                continue
            if slug in owner:
                a, b = root(owner[slug]), root(d["doc"])
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                owner[slug] = d["doc"]
    return {doc: root(doc) for doc in parent}


def folds(group_of: dict[str, str], k: int) -> list[set[str]]:
    """Groups dealt into ``k`` folds, largest first onto the smallest fold (ties by name): deterministic."""
    members: dict[str, list[str]] = defaultdict(list)
    for doc, group in sorted(group_of.items()):
        members[group].append(doc)
    result: list[set[str]] = [set() for _ in range(k)]
    for group in sorted(members, key=lambda g: (-len(members[g]), g)):
        smallest = min(range(k), key=lambda n: (len(result[n]), n))
        result[smallest] |= set(members[group])
    return result


def fit(train: list[Example], c: float, threshold: float) -> EventModel:
    """One logistic regression per event type with positives; weights as plain numbers."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise MissingExtraError("bench/train_events.py needs scikit-learn: pip install 'kg[train]'") from None
    types, bias, weights = [], {}, {}
    for event_type in EVENT_TYPES:
        rows = [e for e in train if e.type == event_type]
        labels = [e.label for e in rows]
        if sum(labels) < 2:
            continue
        vectorizer = DictVectorizer()
        x = vectorizer.fit_transform([dict.fromkeys(sorted(e.features), 1) for e in rows])
        model = LogisticRegression(C=c, solver="lbfgs", random_state=SEED, max_iter=2000)
        model.fit(x, labels)
        names = vectorizer.get_feature_names_out()
        types.append(event_type)
        bias[event_type] = round(float(model.intercept_[0]), 4)
        pairs = zip(names, model.coef_[0], strict=True)
        weights[event_type] = {str(f): round(float(w), 3) for f, w in pairs if abs(w) >= MIN_WEIGHT}
    data = {"features": FEATURES, "types": types, "bias": bias, "weights": weights, "threshold": threshold}
    return parse_model(data, "trained model")


def rows_of(parsed: Iterable[tuple[Doc, Article]], model: EventModel | None) -> list[dict[str, str]]:
    with using(model):
        return [row for doc, article in parsed for row in extraction_rows(extract_doc(doc, article))]


def per_type(scorer, gold: list[dict], rows: list[dict]) -> dict[str, tuple[int, int, int]]:
    """Event type → (matched, predicted, gold) under the scorer's alignment."""
    preds: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        preds[row["doc"]].append(row)
    counts: dict[str, list[int]] = {t: [0, 0, 0] for t in EVENT_TYPES}
    for entry in gold:
        ours = preds.get(entry["doc"], [])
        matched, _ = alignment(scorer, ours, entry["events"])
        for gi in matched:
            counts[entry["events"][gi]["type"]][0] += 1
        for p in ours:
            counts[p["type"]][1] += 1
        for g in entry["events"]:
            counts[g["type"]][2] += 1
    return {t: (m, p, g) for t, (m, p, g) in counts.items()}


def _prf(m: int, p: int, g: int) -> tuple[float, float, float]:
    precision, recall = (m / p if p else 0.0), (m / g if g else 0.0)
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def _line(label: str, fig: dict) -> str:
    (ep, er, ef), (ap, ar, af) = fig["events"], fig["arguments"]
    return f"  {label:28s} events {ep:.3f}/{er:.3f}/{ef:.3f}   arguments {ap:.3f}/{ar:.3f}/{af:.3f}"


Result = tuple[float, float, dict, list[dict[str, str]]]
"""One configuration scored out of fold: (C, threshold, figures, event rows)."""


def rules_alone(parsed: list[tuple[Doc, Article]], gold: list[dict], k: int, scorer, extract) -> tuple:
    """The ``k`` folds grouped by incident, the rules' event rows (``extract(parsed, None)``) and their
    figures, as both training scripts' cross-validation starts."""
    split = folds(groups(gold), k)
    print(f"{k} folds grouped by incident: {', '.join(str(len(f)) for f in split)} articles")
    rules = extract(parsed, None)
    base = figures(scorer, gold, rules)
    print(_line("rules alone", base))
    return split, rules, base


def out_of_fold(
    parsed: list[tuple[Doc, Article]], gold: list[dict], split: list[set[str]], models: list, scorer, extract
) -> tuple[dict, list[dict[str, str]]]:
    """Each fold's articles extracted with its own model (``extract(parsed, model)``), the rows of all
    folds scored together: (figures, rows)."""
    rows: list[dict[str, str]] = []
    for fold, model in zip(split, models, strict=True):
        rows += extract([(d, a) for d, a in parsed if a.id in fold], model)
    return figures(scorer, gold, rows), rows


def fold_examples(data: dict[str, list], fold: set[str]) -> list:
    """The training examples of every article outside ``fold``."""
    return [e for d, ex in data.items() if d not in fold for e in ex]


def beating(results: list[Result], base: dict, gain: float) -> list[Result]:
    """The configurations adding at least ``gain`` to both events and arguments F1 of the rules."""
    return [
        r
        for r in results
        if r[2]["events"][2] >= base["events"][2] + gain
        and r[2]["arguments"][2] >= base["arguments"][2] + gain
    ]


def compare(scorer, gold: list[dict], rules: list[dict], base: dict, kept: Result, label: str) -> dict:
    """Per event type and per role, the rules' P/R/F1 beside those of the kept configuration (printed);
    the per-type counts (matched, predicted, gold) of both."""
    before, after = per_type(scorer, gold, rules), per_type(scorer, gold, kept[3])
    print(f"  {'type':20s} {'rules P/R/F1':>20s} {'+ ' + label + ' P/R/F1':>20s}")
    for t in EVENT_TYPES:
        b, a = _prf(*before[t]), _prf(*after[t])
        print(f"  {t:20s}   {b[0]:.2f}/{b[1]:.2f}/{b[2]:.2f}       {a[0]:.2f}/{a[1]:.2f}/{a[2]:.2f}")
    print(f"  {'role':20s} {'rules P/R/F1':>20s} {'+ ' + label + ' P/R/F1':>20s}")
    for r in ROLES:
        b, a = base["roles"][r], kept[2]["roles"][r]
        print(f"  {r:20s}   {b[0]:.2f}/{b[1]:.2f}/{b[2]:.2f}       {a[0]:.2f}/{a[1]:.2f}/{a[2]:.2f}")
    return {"rules": before, "model": after}


def cross_validate(
    parsed: list[tuple[Doc, Article]], gold: list[dict], data: dict[str, list[Example]], k: int, scorer
) -> dict:
    """Out-of-fold figures of the rules alone and of every (C, threshold), and the configuration kept."""
    split, rules, base = rules_alone(parsed, gold, k, scorer, rows_of)
    results: list[Result] = []
    for c in C_GRID:
        models = [fit(fold_examples(data, fold), c, 1.0) for fold in split]
        for threshold in THRESHOLDS:
            tuned = [EventModel(m.types, m.bias, m.weights, threshold, m.source) for m in models]
            fig, rows = out_of_fold(parsed, gold, split, tuned, scorer, rows_of)
            results.append((c, threshold, fig, rows))
            print(_line(f"rules + model C={c} t={threshold}", fig))
    score = lambda r: (r[2]["events"][2] + r[2]["arguments"][2], r[1])  # noqa: E731
    best = max(beating(results, base, MIN_GAIN), key=score, default=None)
    report = {"folds": [len(f) for f in split], "rules": base, "chosen": None}
    if best is None:
        best = max(results, key=score)
        print(
            f"no configuration beats the rules out of fold by {MIN_GAIN} on both events and arguments F1; "
            f"the best, C={best[0]} t={best[1]}:"
        )
        print(_line("rules alone", base))
        print(_line("rules + model, out of fold", best[2]))
        report["best"] = {"C": best[0], "threshold": best[1], "figures": best[2]}
    else:
        report["chosen"] = {"C": best[0], "threshold": best[1], "figures": best[2]}
        print(f"\nkept C={best[0]} threshold={best[1]} (best out-of-fold events F1 + arguments F1)")
        print(_line("rules alone", base))
        print(_line("rules + model, out of fold", best[2]))
    report["per_type"] = compare(scorer, gold, rules, base, best, "model")
    return report


def regressions(model, nlp, scorer, dev: Path, extract=None, label: str = "model") -> dict[str, dict]:
    """Events and arguments F1 of dev and the heldout sets (evaluation only, never trained on), by the
    rules alone and with ``model`` (extracted by ``extract(parsed, model)``, :func:`rows_of` unless
    told); each with ``ok``: no figure lower by more than ``MAX_LOSS``."""
    rows_of_model = extract or rows_of
    found = {}
    for gs in known_sets(dev, final=False):
        if gs.name == "tune":
            continue
        parsed = list(nlp.pipe(((a.text, a) for a in load_articles(gs)), as_tuples=True, batch_size=16))
        before, after = (figures(scorer, gs.gold, rows_of_model(parsed, m)) for m in (None, model))
        ok = all(after[k][2] >= before[k][2] - MAX_LOSS for k in ("events", "arguments"))
        found[gs.name] = {"rules": before, "model": after, "ok": ok}
        print(f"  {gs.name}{'' if ok else f' (down by more than {MAX_LOSS})'}")
        print(_line("rules alone", before))
        print(_line(f"rules + {label} (all of tune)", after))
    return found


def parsed_tune(nlp) -> tuple[list[dict], dict[str, list[dict]], list[tuple[Doc, Article]]]:
    """The tuning split: its gold, each article's gold events by id, and its articles parsed."""
    gold = load_gold(TUNE)
    golds = {d["doc"]: d["events"] for d in gold}
    paths = sorted(p for p in (TUNE / "articles").iterdir() if p.stem in golds)
    articles = list(iter_articles(paths, on_error=print))
    parsed = list(nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=16))
    return gold, golds, parsed


def training_options(description: str, threshold: float, out: Path) -> argparse.Namespace:
    """The command line both training scripts share (this one and bench/train_filter.py)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--cv", action="store_true", help="cross-validate first and keep its configuration")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--C", type=float, default=0.3, help="regularisation strength without --cv")
    parser.add_argument(
        "--threshold", type=float, default=threshold, help="the probability threshold without --cv"
    )
    parser.add_argument("--out", type=Path, default=out)
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    parser.add_argument("--dev", type=Path, default=SHARED / "eval" / "dev", help="regression set")
    return parser.parse_args()


def cv_record(cv: dict, kept: dict, held: dict[str, dict], learned: str) -> dict:
    """What the weights file keeps of a cross-validation: the rules' and the kept configuration's
    out-of-fold figures (under ``learned``), whether it beat the rules, and the regression sets."""
    return {
        "folds": cv["folds"],
        "rules": {k: cv["rules"][k] for k in ("events", "arguments")},
        learned: {k: kept["figures"][k] for k in ("events", "arguments")},
        "beats_rules": cv["chosen"] is not None,
        "regression_sets": {
            name: {who: {k: h[who][k] for k in ("events", "arguments")} for who in ("rules", "model")}
            for name, h in held.items()
        },
    }


def main() -> int:
    opts = training_options(__doc__.splitlines()[0], 0.5, OUT)

    started = time.perf_counter()
    nlp, lex = load_pipeline(), load_lexicon()
    gold, golds, parsed = parsed_tune(nlp)
    scorer = load_scorer(opts.scorer)
    data = {a.id: examples(doc, a, golds[a.id], lex) for doc, a in parsed}
    every = [e for ex in data.values() for e in ex]
    print(
        f"tune: {len(parsed)} articles, {len(every)} examples (sentence x type), "
        f"{sum(e.label for e in every)} positive (a gold event of the type told in the sentence)"
    )
    c, threshold, cv = opts.C, opts.threshold, None
    if opts.cv:
        cv = cross_validate(parsed, gold, data, opts.folds, scorer)
        kept = cv["chosen"] or cv["best"]
        c, threshold = kept["C"], kept["threshold"]
    model = fit(every, c, threshold)
    types = list(model.types) if cv is None or cv["chosen"] is not None else []
    held = {}
    if cv is not None:
        print("\nthe model trained on all of tune, on the regression sets (events and arguments P/R/F1):")
        held = regressions(model, nlp, scorer, opts.dev)
        if types and not all(h["ok"] for h in held.values()):
            types = []
            print(f"a regression set loses more than {MAX_LOSS}: the model is written switched off")
    out = {
        "features": FEATURES,
        "trained_on": "bench/real/tune",
        "articles": len(parsed),
        "C": c,
        "threshold": threshold,
        "types": types,
        "bias": dict(model.bias),
        "weights": {t: dict(sorted(w.items())) for t, w in model.weights.items()},
    }
    if cv is not None:
        out["cv"] = cv_record(cv, kept, held, "model")
    opts.out.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    size = sum(len(w) for w in model.weights.values())
    print(f"wrote {opts.out} ({len(types)} types, {size} weights) in {time.perf_counter() - started:.0f} s")
    if cv is not None and cv["chosen"] is None:
        print("the model is written switched off (types: []): it did not beat the rules out of fold")
    print("(its score on tune itself, in sample, is no evidence: the out-of-fold figures above are)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
