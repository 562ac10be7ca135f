"""Extraction quality on every set with gold, side by side, against a textacy subject-verb-object baseline.

    python bench/quality.py [--final] [--sets dev,tune,...] [--verbose SET] [--json] [--out DIR]

Sets: ``dev`` (the shared development articles), ``tune`` (``bench/real/tune``, real news, the only
real set rules are tuned on), ``test`` (``bench/real/test``, real news nobody tunes on: read and
printed only with ``--final``), and ``heldout``, ``heldout2``, ``heldout3`` (invented text, kept for
regression only). Each set is written as two event tables (the `kg events` columns), ours and the
baseline's, scored with the shared scorer; the summary prints events, arguments and per-role P/R/F1.

The per-rule table lists every rule of ``kg/data/rules.yaml`` by reach: on how many articles of each set
it was seen in the extraction trace (on tune also of how many incidents, by ``bench/real/sources-*.tsv``,
and of how many of the newest tuning articles, ``--new``), then how often it produced a value named in
``Event.facts`` on the tuning set and how many of those values the gold holds (for the event aligned to
it by the scorer): a rule that fires once, only on old articles, or mostly wrong, shows itself.
``--verbose SET`` lists, for that set, every gold event with the roles we got wrong, the events we missed
and the ones we made up.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import textacy.extract
from spacy.language import Language
from spacy.tokens import Doc

from kg.events import COLUMNS
from kg.extract import extract_doc, load_pipeline
from kg.extract.lexicon import first_in, load_lexicon
from kg.extract.rules import load_rules
from kg.extract.trace import recording
from kg.ingest import iter_articles
from kg.model import Article, Event, Extraction

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import load_gold  # noqa: E402  (bench/corpus.py, beside this file)

SHARED = Path(__file__).resolve().parents[2] / "shared"
"""``../shared`` beside the repository: the shared evaluation data, read at run time."""
BENCH = Path(__file__).resolve().parent
ROLES = ["agent", "target", "location", "time", "killed", "injured", "about"]
INVENTED = "invented (regression only)"


@dataclass(frozen=True)
class GoldSet:
    name: str
    what: str
    articles: Path
    gold: list[dict]


def gold_set(name: str, folder: Path, what: str) -> GoldSet | None:
    """A set from a folder holding ``gold.json`` (one list) or ``gold/<id>.json`` (one file per article)."""
    if (folder / "gold.json").is_file():
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    elif (folder / "gold").is_dir():
        gold = load_gold(folder)
    else:
        return None
    return GoldSet(name, what, folder / "articles", gold) if gold else None


def known_sets(dev: Path, final: bool) -> list[GoldSet]:
    wanted = [
        ("dev", dev, "development (shared)"),
        ("tune", BENCH / "real" / "tune", "real news, tuning part"),
    ]
    if final:
        wanted.append(("test", BENCH / "real" / "test", "real news, never tuned on"))
    wanted += [(p.name, p, INVENTED) for p in sorted(BENCH.glob("heldout*")) if p.is_dir()]
    return [s for name, path, what in wanted if (s := gold_set(name, path, what)) is not None]


def load_articles(gs: GoldSet) -> list[Article]:
    """The set's articles that have gold (an article whose gold has not landed yet is left out)."""
    docs = {d["doc"] for d in gs.gold}
    paths = sorted(p for p in gs.articles.iterdir() if p.stem in docs)
    return list(iter_articles(paths, on_error=print))


def extraction_rows(ex: Extraction) -> Iterator[dict[str, str]]:
    for event in ex.events:
        cells = {
            role: " | ".join(e.label for e in event.role(role))
            for role in ("agent", "target", "location", "instrument")
        }
        yield {
            "doc": ex.article.id,
            "event": event.key,
            "type": event.type,
            **cells,
            "time": event.time or "",
            "killed": "" if event.killed is None else str(event.killed),
            "injured": "" if event.injured is None else str(event.injured),
            "about": event.about or "",
            "sentence": event.evidence.sentence,
        }


def baseline_rows(article: Article, doc: Doc) -> Iterator[dict[str, str]]:
    """Subject-verb-object triples; the verb's lemma picks the event type through the trigger lexicon."""
    verbs = load_lexicon().trigger_lemmas("VERB")
    n = 0
    for triple in textacy.extract.subject_verb_object_triples(doc):
        verb = triple.verb[-1]
        form = first_in(verb, verbs)
        if form is None:
            continue
        n += 1
        yield {
            "doc": article.id,
            "event": f"e{n}",
            "type": verbs[form][0],
            "agent": " ".join(t.text for t in triple.subject),
            "target": " ".join(t.text for t in triple.object),
            "location": "",
            "time": "",
            "killed": "",
            "injured": "",
            "about": "",
            "sentence": verb.sent.text.strip(),
            "instrument": "",
        }


def write_csv(rows: Iterable[dict[str, str]], path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(tmp, path)


def load_scorer(path: Path) -> ModuleType:
    """The shared scorer as a module (read at run time, never copied): its alignment is the one scored."""
    spec = importlib.util.spec_from_file_location("kg_shared_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"quality: cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def figures(scorer: ModuleType, gold: list[dict], rows: list[dict[str, str]]) -> dict:
    """Events, arguments and per-role (P, R, F1) of an event table, as the scorer counts them."""
    golds = {d["doc"]: d["events"] for d in gold}
    preds: dict[str, list[dict]] = {}
    for row in rows:
        preds.setdefault(row["doc"], []).append(row)
    events, args = scorer.Tally(), scorer.Tally()
    roles = {r: scorer.Tally() for r in ROLES}
    for doc, events_of in sorted(golds.items()):
        scorer.score_doc(preds.get(doc, []), events_of, events, args, roles)
    return {
        "events": events.prf(),
        "arguments": args.prf(),
        "roles": {r: roles[r].prf() for r in ROLES},
        "gold_events": sum(len(e) for e in golds.values()),
        "articles": len(golds),
    }


def alignment(scorer: ModuleType, preds: list[dict], golds: list[dict]) -> tuple[dict[int, int], object]:
    """The scorer's one-to-one alignment of one article (gold index → predicted index) and its ``about``
    test (the same greedy pairing by agreeing arguments as ``score_doc``)."""
    by_id = {p["event"]: p for p in preds}

    def about_ok(pred_ref: str, gold_index: int) -> bool:
        target = by_id.get(pred_ref)
        ref = golds[gold_index] if 0 <= gold_index < len(golds) else None
        if target is None or ref is None or target["type"] != ref["type"]:
            return False
        if not scorer.entities(ref.get("location")):
            return True
        return scorer.role_counts("location", target, ref, about_ok)[0] > 0

    pairs = [
        (sum(scorer.role_counts(r, p, g, about_ok)[0] for r in ROLES), gi, pi)
        for gi, g in enumerate(golds)
        for pi, p in enumerate(preds)
        if p["type"] == g["type"]
    ]
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for agree, gi, pi in pairs:
        if gi in matched or pi in taken:
            continue
        if agree == 0 and any(v for r in ROLES if (v := golds[gi].get(r)) not in (None, "", [])):
            continue
        matched[gi] = pi
        taken.add(pi)
    return matched, about_ok


def errors(scorer: ModuleType, gold: list[dict], rows: list[dict[str, str]]) -> Iterator[str]:
    """Per article: each aligned gold event with its wrong roles, the missed events, the extra ones."""
    preds: dict[str, list[dict]] = {}
    for row in rows:
        preds.setdefault(row["doc"], []).append(row)
    for entry in sorted(gold, key=lambda d: d["doc"]):
        golds, ours = entry["events"], preds.get(entry["doc"], [])
        matched, about_ok = alignment(scorer, ours, golds)
        yield f"== {entry['doc']}"
        for gi, g in enumerate(golds):
            evidence = (g.get("evidence") or "")[:140]
            if gi not in matched:
                yield f"  missed g{gi} {g['type']}: {evidence}"
                continue
            p = ours[matched[gi]]
            wrong = []
            for role in ROLES:
                _, fp, fn = scorer.role_counts(role, p, g, about_ok)
                if fp or fn:
                    wrong.append(f"      {role}: gold {_gold_value(g, role, golds)}  ours {p.get(role)!r}")
            if wrong:
                yield f"  g{gi}={p['event']} {g['type']}: {evidence}"
                yield from wrong
        for pi, p in enumerate(ours):
            if pi not in matched.values():
                values = {r: p[r] for r in ROLES if p.get(r)}
                yield f"  extra {p['event']} {p['type']} {values}: {(p.get('sentence') or '')[:140]}"


def _gold_value(g: dict, role: str, golds: list[dict]) -> str:
    value = g.get(role)
    if role in {"agent", "target", "location"}:
        return repr([e[0] if isinstance(e, list) else e for e in value or []])
    if role == "about" and isinstance(value, int) and 0 <= value < len(golds):
        return f"g{value} {golds[value]['type']}"
    return repr(value)


def rule_table(scorer: ModuleType, gold: list[dict], extractions: list[Extraction]) -> Counter:
    """(rule, role) → [fired, right]: every fact of every event, right when the gold event aligned to the
    event holds the fact's value in that role (a fact of an event aligned to no gold event is wrong)."""
    golds = {d["doc"]: d["events"] for d in gold}
    tally: Counter = Counter()
    for ex in extractions:
        rows = list(extraction_rows(ex))
        matched, about_ok = alignment(scorer, rows, golds.get(ex.article.id, []))
        gold_of = {pi: golds[ex.article.id][gi] for gi, pi in matched.items()}
        labels = {e.key: e.label for e in ex.entities}
        for pi, event in enumerate(ex.events):
            for fact in event.facts:
                tally[(fact.support.rule, fact.role, "fired")] += 1
                if _fact_right(scorer, fact, event, gold_of.get(pi), labels, about_ok):
                    tally[(fact.support.rule, fact.role, "right")] += 1
    return tally


def _fact_right(scorer, fact, event: Event, gold: dict | None, labels: dict[str, str], about_ok) -> bool:
    if gold is None:
        return False
    if fact.role in {"agent", "target", "location"}:
        label = labels.get(fact.value, fact.value)
        return any(scorer.name_matches(label, names) for names in scorer.entities(gold.get(fact.role)))
    if fact.role not in ROLES:
        return False  # no gold for it (instrument): counted as fired only
    row = {fact.role: fact.value}
    return scorer.role_counts(fact.role, row, gold, about_ok)[0] > 0


def incidents(real: Path = BENCH / "real") -> dict[str, frozenset[str]]:
    """Tuning article id → the incidents it reports (``bench/real/sources-*.tsv``, tune rows only)."""
    found: dict[str, frozenset[str]] = {}
    for path in sorted(real.glob("sources-*.tsv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row.get("split") == "tune":
                    found[row["id"]] = frozenset(i.strip() for i in row["incidents"].split(";") if i.strip())
    return found


Seen = dict[str, set[str]]
"""Article id → the rule ids seen in its extraction trace."""


def run_set(gs: GoldSet, nlp: Language, out: Path) -> tuple[list[Extraction], list[dict], list[dict], Seen]:
    articles = load_articles(gs)
    extractions, base, seen = [], [], {}
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=16):
        with recording() as trace:
            extractions.append(extract_doc(doc, article))
        seen[article.id] = trace.rules()
        base += baseline_rows(article, doc)
    ours = [row for ex in extractions for row in extraction_rows(ex)]
    write_csv(ours, out / f"{gs.name}-kg.csv")
    write_csv(base, out / f"{gs.name}-baseline.csv")
    return extractions, ours, base, seen


def print_set(gs: GoldSet, kg: dict, base: dict) -> None:
    print(f"\n{gs.name} — {gs.what}: {kg['articles']} articles, {kg['gold_events']} gold events")
    print(f"{'':12s}{'kg':>18s}{'textacy SVO':>18s}")
    print(f"{'':12s}" + "     P     R    F1" * 2)
    lines = [("events", kg["events"], base["events"]), ("arguments", kg["arguments"], base["arguments"])]
    lines += [(r, kg["roles"][r], base["roles"][r]) for r in ROLES]
    for label, ours, theirs in lines:
        print(f"{label:12s}" + "".join(f" {p:5.2f} {r:5.2f} {f:5.2f}" for p, r, f in (ours, theirs)))


def print_side_by_side(results: dict[str, tuple[GoldSet, dict, dict]]) -> None:
    names = list(results)
    print("\nF1 side by side (kg / textacy SVO)")
    print(f"{'':12s}" + "".join(f"{n:>14s}" for n in names))
    rows = [("events", lambda f: f["events"]), ("arguments", lambda f: f["arguments"])]
    rows += [(r, lambda f, r=r: f["roles"][r]) for r in ROLES]
    for label, pick in rows:
        cells = "".join(f"{pick(kg)[2]:8.2f}/{pick(base)[2]:4.2f}" for _, kg, base in results.values())
        print(f"{label:12s}{cells}")
    for name, (gs, _, _) in results.items():
        if gs.what == INVENTED:
            print(f"  {name}: {INVENTED}")


def reach(seen: dict[str, Seen], new: str) -> dict[str, dict[str, int]]:
    """Rule id → per set the articles it was seen on; for tune also ``incidents`` and ``new`` articles
    (ids starting with ``new``). Every rule of ``rules.yaml`` is listed, those never seen with 0."""
    of = incidents()
    table: dict[str, dict[str, int]] = {}
    for rid in load_rules():
        row = {name: sum(rid in rules for rules in arts.values()) for name, arts in seen.items()}
        tune = [a for a, rules in seen.get("tune", {}).items() if rid in rules]
        row["incidents"] = len({i for a in tune for i in of.get(a, {a})})
        row["new"] = sum(a.startswith(new) for a in tune) if new else 0
        table[rid] = row
    return table


def print_rules(tally: Counter, table: dict[str, dict[str, int]], sets: list[str]) -> None:
    """Every rule by reach, then its values on the tuning set (fired, right, precision)."""
    roles = {rule: sorted({ro for r, ro, _ in tally if r == rule}) for rule in table}
    print("\nrules by reach (articles seen on, per set; inc = tune incidents, new = newest tune articles;")
    print("fired/right/P = values produced on tune, share the gold holds, per role)")
    cols = [s for s in sets if s != "tune"]
    head = f"  {'rule':34s} {'tune':>4s} {'inc':>4s} {'new':>4s}" + "".join(f" {c[:8]:>8s}" for c in cols)
    print(head + f"  {'role':10s} {'fired':>5s} {'right':>5s} {'P':>5s}")
    for rule, row in sorted(
        table.items(), key=lambda kv: (-kv[1].get("tune", 0), -kv[1]["incidents"], kv[0])
    ):
        cells = f"  {rule:34s} {row.get('tune', 0):4d} {row['incidents']:4d} {row['new']:4d}"
        cells += "".join(f" {row.get(c, 0):8d}" for c in cols)
        values = [
            f"  {role:10s} {tally[(rule, role, 'fired')]:5d} {tally[(rule, role, 'right')]:5d} "
            + (
                f"{tally[(rule, role, 'right')] / tally[(rule, role, 'fired')]:5.2f}"
                if role in ROLES
                else "    -"
            )
            for role in roles[rule]
        ] or [""]
        print(cells + values[0])
        for more in values[1:]:
            print(" " * len(cells) + more)
    quiet = sorted(
        r for r, row in table.items() if row.get("tune", 0) + sum(row.get(c, 0) for c in cols) == 0
    )
    print(f"  never seen on any set: {', '.join(quiet) if quiet else 'none'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=SHARED / "eval" / "dev")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    parser.add_argument(
        "--final", action="store_true", help="also score bench/real/test (at the end of a round only)"
    )
    parser.add_argument("--sets", default="", help="comma-separated set names (default: every set)")
    parser.add_argument("--verbose", metavar="SET", default=None, help="list the errors on one set")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument(
        "--new", default="e", help="id prefix of the newest tuning articles, counted apart in the rule table"
    )
    parser.add_argument("--out", type=Path, default=None, help="folder for the CSVs (default: a temp folder)")
    opts = parser.parse_args()

    scorer = load_scorer(opts.scorer)
    wanted = {s for s in opts.sets.split(",") if s}
    sets = [s for s in known_sets(opts.dev, opts.final) if not wanted or s.name in wanted]
    if opts.verbose == "test" and not opts.final:
        raise SystemExit("quality: the never-tuned test set is read only with --final")
    nlp = load_pipeline()
    out = opts.out or Path(tempfile.mkdtemp(prefix="kg-quality-"))
    out.mkdir(parents=True, exist_ok=True)
    results: dict[str, tuple[GoldSet, dict, dict]] = {}
    tally: Counter = Counter()
    seen: dict[str, Seen] = {}
    for gs in sets:
        extractions, ours, base, seen[gs.name] = run_set(gs, nlp, out)
        results[gs.name] = (gs, figures(scorer, gs.gold, ours), figures(scorer, gs.gold, base))
        if gs.name == "tune":
            tally = rule_table(scorer, gs.gold, extractions)
        if opts.verbose == gs.name:
            print("\n".join(errors(scorer, gs.gold, ours)))
    if opts.json:
        report = {n: {"what": gs.what, "kg": kg, "textacy": base} for n, (gs, kg, base) in results.items()}
        report["rules"] = {
            f"{rule} {role}": {"fired": tally[(rule, role, "fired")], "right": tally[(rule, role, "right")]}
            for rule, role in sorted({(r, ro) for r, ro, _ in tally})
        }
        report["reach"] = reach(seen, opts.new)
        print(json.dumps(report, indent=1))
        return 0
    for gs, kg, base in results.values():
        print_set(gs, kg, base)
    print_side_by_side(results)
    print_rules(tally, reach(seen, opts.new), list(results))
    print(f"\ntables: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
