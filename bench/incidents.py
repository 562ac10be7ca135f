"""Cross-article linking quality: kg's incidents against the gold ``"incident"`` slugs of a real corpus.

    python bench/incidents.py bench/real/tune [--shared ../shared] [--store DIR] [--verbose] [--json]

The corpus is built with ``kg build`` (linking on) into a fresh store (or ``--store``, built already), and
its event table read with :func:`kg.events.event_rows`. Each gold Attack is aligned to a predicted event of
its article by the shared scorer's one-to-one alignment (``score.py`` under ``--shared``, imported at run
time through ``bench/quality.py``: same type, most agreeing arguments first). The report events scored are
the gold Attacks that have an aligned prediction: their gold cluster is their ``incident`` slug (a gold
Attack without one is alone in its cluster), their predicted cluster the aligned event's ``incident`` id.
A gold Attack that extraction missed is not a linking decision and is counted apart (coverage).

Figures: B-cubed precision/recall/F1 (Bagga & Baldwin 1998), MUC (Vilain et al. 1995), CEAF-e (Luo 2005,
entity-level, optimal one-to-one mapping by :func:`scipy.optimize.linear_sum_assignment`) and their
CoNLL-style average F1 (MUC, B³, CEAF-e), plus the pairwise links across articles (precision and recall
of "these two reports are one incident"). ``--verbose`` lists every wrong or missed cross-article link,
with what the linker says of it (:func:`why`: the veto, or the score and its reasons).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Hashable, Iterable
from itertools import combinations
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
"""``../shared`` beside the repository: the shared evaluation data, read at run time."""
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

Mention = tuple[str, int]  # (doc, gold event index)


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> tuple[float, float, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def clusters(labels: dict[Mention, Hashable]) -> list[frozenset[Mention]]:
    groups: dict[Hashable, set[Mention]] = defaultdict(set)
    for mention, label in labels.items():
        groups[label].add(mention)
    return [frozenset(g) for g in groups.values()]


def bcubed(key: list[frozenset], response: list[frozenset]) -> tuple[float, float, float]:
    """B³: per mention, the share of its response cluster that is in its key cluster, and the converse."""
    of_key = {m: c for c in key for m in c}
    of_response = {m: c for c in response for m in c}
    mentions = list(of_key)
    if not mentions:
        return 0.0, 0.0, 0.0
    p = sum(len(of_key[m] & of_response[m]) / len(of_response[m]) for m in mentions) / len(mentions)
    r = sum(len(of_key[m] & of_response[m]) / len(of_key[m]) for m in mentions) / len(mentions)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _muc_side(key: list[frozenset], response: list[frozenset]) -> tuple[int, int]:
    of_response = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0
    for cluster in key:
        parts = {of_response.get(m, ("alone", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num, den


def muc(key: list[frozenset], response: list[frozenset]) -> tuple[float, float, float]:
    """MUC: links kept; recall over the key's links, precision over the response's."""
    r_num, r_den = _muc_side(key, response)
    p_num, p_den = _muc_side(response, key)
    return _prf(p_num, p_den, r_num, r_den)


def ceaf_e(key: list[frozenset], response: list[frozenset]) -> tuple[float, float, float]:
    """CEAF-e: the best one-to-one mapping of key to response clusters by φ4 = 2|K∩R| / (|K|+|R|)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not key or not response:
        return 0.0, 0.0, 0.0
    sim = np.array([[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key])
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return _prf(total, len(response), total, len(key))


def cross_links(labels: dict[Mention, Hashable]) -> set[frozenset[Mention]]:
    """Pairs of mentions of different articles in one cluster."""
    found = set()
    for group in clusters(labels):
        for a, b in combinations(sorted(group), 2):
            if a[0] != b[0]:
                found.add(frozenset((a, b)))
    return found


def score(gold_labels: dict[Mention, Hashable], predicted: dict[Mention, Hashable]) -> dict:
    key, response = clusters(gold_labels), clusters(predicted)
    b3, m, ce = bcubed(key, response), muc(key, response), ceaf_e(key, response)
    gold_pairs, pred_pairs = cross_links(gold_labels), cross_links(predicted)
    shared = len(gold_pairs & pred_pairs)
    return {
        "bcubed": b3,
        "muc": m,
        "ceaf_e": ce,
        "conll_f1": (b3[2] + m[2] + ce[2]) / 3,
        "links": _prf(shared, len(pred_pairs), shared, len(gold_pairs)),
        "gold_links": len(gold_pairs),
        "predicted_links": len(pred_pairs),
        "mentions": len(gold_labels),
        "gold_incidents": len(key),
        "predicted_incidents": len(response),
    }


def labels_of(gold: list[dict], rows: list[dict[str, str]], scorer) -> tuple[dict, dict, dict, int]:
    """Gold and predicted cluster labels of the aligned gold Attacks, their predicted rows, and the misses."""
    from quality import alignment

    preds: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        preds[row["doc"]].append(row)
    gold_labels: dict[Mention, Hashable] = {}
    predicted: dict[Mention, Hashable] = {}
    aligned_rows: dict[Mention, dict[str, str]] = {}
    missed = 0
    for doc in gold:
        events, mine = doc["events"], preds.get(doc["doc"], [])
        matched, _ = alignment(scorer, mine, events)
        for gi, event in enumerate(events):
            if event["type"] != "Attack":
                continue
            mention = (doc["doc"], gi)
            if gi not in matched:
                missed += 1
                continue
            row = mine[matched[gi]]
            gold_labels[mention] = event.get("incident") or ("alone", mention)
            predicted[mention] = row.get("incident") or ("alone", mention)
            aligned_rows[mention] = row
    return gold_labels, predicted, aligned_rows, missed


def build_store(articles: Path, store_path: Path):
    from kg.build import build
    from kg.store import open_store

    store = open_store(store_path)
    build([articles], store)
    return store


def _line(name: str, prf: Iterable[float]) -> str:
    p, r, f = prf
    return f"{name:10s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "corpus", type=Path, help="a corpus folder with articles/ and gold/ (bench/real/tune)"
    )
    parser.add_argument(
        "--shared", type=Path, default=SHARED, help="where eval/score.py is (default: ../shared)"
    )
    parser.add_argument("--store", type=Path, help="a store built from the corpus already (else built here)")
    parser.add_argument(
        "--relink", action="store_true", help="with --store: drop its incidents and link every article again"
    )
    parser.add_argument("--verbose", action="store_true", help="list wrong and missed cross-article links")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    opts = parser.parse_args()

    from corpus import load_gold
    from quality import load_scorer

    from kg.events import event_rows
    from kg.store import open_store

    scorer_path = opts.shared / "eval" / "score.py"
    if not scorer_path.is_file():
        raise SystemExit(f"incidents: no shared scorer at {scorer_path} (give --shared)")
    scorer = load_scorer(scorer_path)
    gold = load_gold(opts.corpus)
    if opts.store is not None:
        if opts.relink:
            from kg.link import relink
            from kg.rdf import incidents_graph

            with open_store(opts.store) as store:
                store.update(f"DROP SILENT GRAPH <{incidents_graph().value}>")
                relink(store, store.articles())
        with open_store(opts.store, read_only=True) as store:
            rows = event_rows(store)
            reports = stored_reports(store) if opts.verbose else {}
    else:
        with tempfile.TemporaryDirectory(prefix="kg-incidents-") as folder:
            store = build_store(opts.corpus / "articles", Path(folder) / "store")
            try:
                rows = event_rows(store)
                reports = stored_reports(store) if opts.verbose else {}
            finally:
                store.close()
    gold_labels, predicted, aligned, missed = labels_of(gold, rows, scorer)
    figures = score(gold_labels, predicted)
    figures["gold_attacks_missed"] = missed
    figures["articles"] = len(gold)
    if opts.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(
        f"{figures['articles']} articles, {figures['mentions']} gold attacks aligned "
        f"({missed} missed by extraction, not scored); gold incidents {figures['gold_incidents']}, "
        f"predicted {figures['predicted_incidents']}; cross-article links gold {figures['gold_links']}, "
        f"predicted {figures['predicted_links']}"
    )
    for name in ("bcubed", "muc", "ceaf_e", "links"):
        print(_line(name, figures[name]))
    print(f"CoNLL F1   {figures['conll_f1']:.3f}")
    if opts.verbose:
        gold_pairs, pred_pairs = cross_links(gold_labels), cross_links(predicted)
        for kind, pairs in (("wrong", pred_pairs - gold_pairs), ("missed", gold_pairs - pred_pairs)):
            for pair in sorted(sorted(p) for p in pairs):
                a, b = pair
                print(f"{kind} link: {a[0]}#{a[1]} ~ {b[0]}#{b[1]}")
                for m in pair:
                    row = aligned[m]
                    print(
                        f"    {m[0]} {row['event']} [{row['incident']}] {row['location']} {row['time']} "
                        f"k={row['killed']} agent={row['agent']}"
                    )
                print(f"    why: {why(aligned[a], aligned[b], reports)}")
    return 0


def stored_reports(store) -> dict:
    """Every report event of the store (:func:`kg.link.reports.read_reports`) by IRI, each with the id of
    the incident it is stored under: ``{iri: (report, incident id)}``."""
    from kg.link.reports import read_reports, report_iris_of
    from kg.rdf import article_iri, incidents_graph
    from kg.terms import KG_IRI

    found = read_reports(store, report_iris_of(store, [article_iri(a).value for a in store.articles()]))
    query = (
        f"SELECT ?r ?id WHERE {{ GRAPH <{incidents_graph().value}> {{ ?r <{KG_IRI}incident> ?i . "
        f"?i <{KG_IRI}incidentId> ?id }} }}"
    )
    incident = {row["r"].value: row["id"].value for row in store.query(query)}
    return {node: (report, incident.get(node)) for node, report in found.items()}


def why(row_a: dict[str, str], row_b: dict[str, str], reports: dict) -> str:
    """What the linker says of a pair: :func:`kg.link.match.judge`'s verdict (veto, or score and reasons,
    and whether it links), and, when the pair alone would link but its reports are in different
    incidents, the reports of the other incident that veto it (clustering is complete-link)."""
    from kg.link.match import judge
    from kg.rdf import event_iri

    a = reports.get(event_iri(row_a["doc"], row_a["event"]).value)
    b = reports.get(event_iri(row_b["doc"], row_b["event"]).value)
    if a is None or b is None:
        return "a report is not an incident-type event in the store"
    verdict = judge(a[0], b[0])
    if verdict.veto:
        return f"veto {verdict.veto}"
    text = f"score {verdict.score} ({', '.join(verdict.reasons)}); "
    text += "links" if verdict.links else "too weak"
    if verdict.links and a[1] != b[1]:
        for mine, other in ((a, b), (b, a)):
            vetoes = [
                f"{r.doc} {r.key} ({v.veto})"
                for r, incident in reports.values()
                if incident == other[1] and r.iri != other[0].iri and (v := judge(mine[0], r)).veto
            ]
            text += f"; {mine[0].doc} {mine[0].key} vetoed by " + ("; ".join(vetoes) if vetoes else "none")
    return text


if __name__ == "__main__":
    sys.exit(main())
