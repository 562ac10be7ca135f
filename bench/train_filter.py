"""Train the learned event filter on the tuning split; with ``--cv``, measure it out of fold first.

    python bench/train_filter.py [--cv] [--folds 5] [--out kg/data/learned_filter.json]

Training data (:func:`examples`): every event the rules make on every ``bench/real/tune`` article (no
filter), with the features of :func:`kg.extract.learned_filter.event_features`; the label is whether the
shared scorer's alignment pairs the event with a gold event. One logistic regression (scikit-learn, the
``train`` extra; fixed seed, deterministic solver), its weights written as JSON into ``kg/data/``.

``--cv``: k-fold cross-validation grouped by incident (the folds of ``bench/train_events.py``). Each fold
is extracted with a filter trained on the other folds, for each regularisation strength and threshold of
the grid; the out-of-fold event tables of all folds are scored together with the shared scorer, against
the rules alone on the same articles. The configuration kept is the one with the best out-of-fold
events F1 + arguments F1 among those adding at least ``MIN_GAIN`` to both (when none does, the best of
those that drop any event is reported and checked on the regression sets). The filter trained on all of
tune with it is then run on dev (``--dev``) and ``bench/heldout*`` (evaluation only): it may not lower
events or arguments F1 there by more than ``MAX_LOSS``. When no configuration beats the rules or a
regression set loses, the filter is written switched off (``enabled: false``: the rules alone) with the
figures of the best one. Only the tuning split is trained on: never dev, heldout* or bench/real/test.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc

from kg.errors import MissingExtraError
from kg.extract import extract_doc, load_pipeline
from kg.extract.learned_filter import (
    FEATURES,
    MODEL_FILE,
    FilterModel,
    collecting,
    parse_filter,
    using_filter,
)
from kg.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import alignment, extraction_rows, load_scorer  # noqa: E402
from train_events import (  # noqa: E402
    MAX_LOSS,
    _line,
    beating,
    compare,
    cv_record,
    fold_examples,
    out_of_fold,
    parsed_tune,
    regressions,
    rules_alone,
    training_options,
)

OUT = Path(__file__).resolve().parent.parent / "kg" / "data" / MODEL_FILE
SEED = 0
C_GRID = (0.03, 0.1, 0.3)
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)
MIN_WEIGHT = 0.005
MIN_GAIN = 0.005
"""Out-of-fold F1 (events and arguments each) a configuration must add to count as beating the rules."""


def examples(parsed: Iterable[tuple[Doc, Article]], golds: dict[str, list[dict]], scorer) -> dict:
    """Article id → [(features, label)] of every event the rules make there."""
    found = {}
    for doc, article in parsed:
        features: list[list[str]] = []
        with using_filter(None), collecting(features):
            rows = list(extraction_rows(extract_doc(doc, article)))
        assert len(rows) == len(features), article.id
        matched, _ = alignment(scorer, rows, golds.get(article.id, []))
        hits = set(matched.values())
        found[article.id] = [(f, i in hits) for i, f in enumerate(features)]
    return found


def fit(train: list[tuple[list[str], bool]], c: float, threshold: float) -> FilterModel:
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise MissingExtraError("bench/train_filter.py needs scikit-learn: pip install 'kg[train]'") from None
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(sorted(set(f)), 1) for f, _ in train])
    model = LogisticRegression(C=c, solver="lbfgs", random_state=SEED, max_iter=2000)
    model.fit(x, [label for _, label in train])
    pairs = zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
    weights = {str(f): round(float(w), 4) for f, w in pairs if abs(w) >= MIN_WEIGHT}
    data = {
        "features": FEATURES,
        "enabled": True,
        "bias": round(float(model.intercept_[0]), 4),
        "weights": weights,
        "threshold": threshold,
    }
    return parse_filter(data, "trained filter")


def rows_of(parsed: Iterable[tuple[Doc, Article]], model: FilterModel | None) -> list[dict[str, str]]:
    with using_filter(model):
        return [row for doc, article in parsed for row in extraction_rows(extract_doc(doc, article))]


def _at(model: FilterModel, threshold: float) -> FilterModel:
    return FilterModel(True, model.bias, model.weights, threshold, model.source)


def _table(rows: list[dict[str, str]]) -> list[tuple]:
    return sorted(tuple(sorted(row.items())) for row in rows)


def _ranking(c: float, split: list[set[str]], models: list[FilterModel], data: dict) -> str:
    """How well the out-of-fold probabilities rank right events over wrong ones (ROC AUC), and how many
    of the 20 events trusted least are right anyway."""
    from sklearn.metrics import roc_auc_score

    scored = sorted(
        (model.probability(f), label)
        for fold, model in zip(split, models, strict=True)
        for d in sorted(fold)
        for f, label in data.get(d, [])
    )
    auc = roc_auc_score([y for _, y in scored], [p for p, _ in scored])
    low = [y for _, y in scored[:20]]
    return f"  C={c}: out-of-fold ROC AUC {auc:.3f}; of the 20 events trusted least {sum(low)} match gold"


def cross_validate(parsed, gold, data, k, scorer) -> dict:
    split, rules, base = rules_alone(parsed, gold, k, scorer, rows_of)
    results = []
    for c in C_GRID:
        models = [fit(fold_examples(data, fold), c, 0.5) for fold in split]
        print(_ranking(c, split, models, data))
        for threshold in THRESHOLDS:
            tuned = [_at(model, threshold) for model in models]
            fig, rows = out_of_fold(parsed, gold, split, tuned, scorer, rows_of)
            results.append((c, threshold, fig, rows))
            print(_line(f"rules + filter C={c} t={threshold}", fig))
    score = lambda r: (r[2]["events"][2] + r[2]["arguments"][2], -r[1])  # noqa: E731
    best = max(beating(results, base, MIN_GAIN), key=score, default=None)
    report = {"folds": [len(f) for f in split], "rules": base, "chosen": None}
    if best is None:  # the best of those that drop anything (a filter that drops nothing is the rules)
        same = _table(rules)
        best = max([r for r in results if _table(r[3]) != same] or results, key=score)
        print(
            f"no configuration beats the rules out of fold by {MIN_GAIN} on both; "
            f"the best, C={best[0]} t={best[1]}:"
        )
        report["best"] = {"C": best[0], "threshold": best[1], "figures": best[2]}
    else:
        report["chosen"] = {"C": best[0], "threshold": best[1], "figures": best[2]}
        print(f"\nkept C={best[0]} threshold={best[1]} (best out-of-fold events F1 + arguments F1)")
    print(_line("rules alone", base))
    print(_line("rules + filter, out of fold", best[2]))
    compare(scorer, gold, rules, base, best, "filter")
    return report


def main() -> int:
    opts = training_options(__doc__.splitlines()[0], 0.2, OUT)

    started = time.perf_counter()
    nlp = load_pipeline()
    gold, golds, parsed = parsed_tune(nlp)
    scorer = load_scorer(opts.scorer)
    data = examples(parsed, golds, scorer)
    every = [e for ex in data.values() for e in ex]
    print(
        f"tune: {len(parsed)} articles, {len(every)} events by the rules, "
        f"{sum(y for _, y in every)} match gold"
    )
    c, threshold, cv, kept = opts.C, opts.threshold, None, None
    if opts.cv:
        cv = cross_validate(parsed, gold, data, opts.folds, scorer)
        kept = cv["chosen"] or cv["best"]
        c, threshold = kept["C"], kept["threshold"]
    model = fit(every, c, threshold)
    enabled = cv is None or cv["chosen"] is not None
    held = {}
    if cv is not None:
        print("\nthe filter trained on all of tune, on the regression sets (events and arguments P/R/F1):")
        held = regressions(model, nlp, scorer, opts.dev, rows_of, "filter")
        if enabled and not all(h["ok"] for h in held.values()):
            enabled = False
            print(f"a regression set loses more than {MAX_LOSS}: the filter is written switched off")
    out = {
        "features": FEATURES,
        "trained_on": "bench/real/tune",
        "articles": len(parsed),
        "C": c,
        "threshold": threshold,
        "enabled": enabled,
        "bias": model.bias,
        "weights": dict(sorted(model.weights.items())),
    }
    if cv is not None:
        out["cv"] = cv_record(cv, kept, held, "filter")
    opts.out.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(
        f"wrote {opts.out} (enabled: {enabled}, {len(model.weights)} weights) "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
