"""kg on two external, human-annotated benchmarks, beside published systems rescored by the same code.

    python bench/external.py [--muc4 DIR] [--wikievents DIR] [--json] [--limit N]

- **MUC-4 TST4** (:mod:`muc4`): kg's Attack arguments pooled per document into PerpInd / PerpOrg /
  Target / Victim / Weapon, scored with CEAF-REE as defined for GRIT (:mod:`ceaf_ree`), 5 roles and 4
  (without Weapon). GRIT's and GTT's published predictions are rescored on the same documents with
  the same code: that GRIT comes out at its published 64.1 is the harness's check of itself.
- **WikiEvents test** (:mod:`wikievents`): kg's Attack events against the gold ``Conflict.Attack.*``
  mentions, event and argument P/R/F1 with head-word match, end to end from the raw text
  (:mod:`headword`); BART-Gen's published arguments are rescored by the same head-word scorer, but
  BART-Gen was given the gold triggers.

The data folders default to ``../shared/external/{muc4,wikievents}`` beside the repository and are
read at run time only. ``--limit N`` scores the first N documents of each set (kg and the published
systems alike), for a quick look while developing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ceaf_ree
import headword
import muc4
import wikievents
from prf import Counts

from kg.errors import ExtractionError
from kg.extract import extract, extractor_version, load_pipeline
from kg.model import Article, Extraction

REPO = Path(__file__).resolve().parent.parent
DEFAULT_MUC4 = REPO.parent / "shared" / "external" / "muc4"
DEFAULT_WIKIEVENTS = REPO.parent / "shared" / "external" / "wikievents"
FOUR_ROLES = ceaf_ree.ROLES[:4]


def _prf(counts: Counts, prefix: str) -> dict[str, float]:
    d = counts.as_dict()
    return {f"{prefix}_p": d["p"], f"{prefix}_r": d["r"], f"{prefix}_f1": d["f1"]}


def _roles(scores: dict[str, Counts], roles: tuple[str, ...]) -> dict[str, dict]:
    return {role: scores[role].as_dict() for role in roles}


def _run_kg(articles: list[Article], nlp, errors: list[str]) -> list[Extraction]:
    def failed(error: ExtractionError) -> None:
        errors.append(str(error))

    return list(extract(articles, nlp, on_error=failed))


def score_muc4(folder: Path, nlp, limit: int | None) -> dict:
    docs = muc4.load_documents(folder)[:limit]
    gold = muc4.gold(docs)
    errors: list[str] = []
    ours = dict(muc4.predictions(_run_kg([muc4.article(d) for d in docs], nlp, errors)))
    systems = {"kg": ours, "grit": muc4.grit_predictions(folder), "gtt": muc4.gtt_predictions(folder)}
    five = {name: ceaf_ree.score(gold, preds) for name, preds in systems.items()}
    four = {name: ceaf_ree.score(gold, preds, FOUR_ROLES) for name, preds in systems.items()}
    return {
        "documents": len(docs),
        "templated_documents": sum(1 for d in docs if d["templates"]),
        "gold_entities": five["kg"]["micro"].gold,
        "extraction_errors": errors,
        **_prf(five["kg"]["micro"], "ree"),
        "ree_f1_4roles": four["kg"]["micro"].as_dict()["f1"],
        "roles": _roles(five["kg"], ceaf_ree.ROLES),
        "grit_rescored_f1": five["grit"]["micro"].as_dict()["f1"],
        "grit_rescored_f1_4roles": four["grit"]["micro"].as_dict()["f1"],
        "grit_roles": _roles(five["grit"], ceaf_ree.ROLES),
        "gtt_rescored_f1": five["gtt"]["micro"].as_dict()["f1"],
        "gtt_rescored_f1_4roles": four["gtt"]["micro"].as_dict()["f1"],
        "gtt_roles": _roles(five["gtt"], ceaf_ree.ROLES),
        **{
            f"{prefix}micro{suffix}": scores[name]["micro"].as_dict()
            for name, prefix in (("kg", ""), ("grit", "grit_"), ("gtt", "gtt_"))
            for scores, suffix in ((five, ""), (four, "_4roles"))
        },
    }


def score_wikievents(folder: Path, nlp, limit: int | None) -> dict:
    docs = wikievents.load_documents(folder)[:limit]
    errors: list[str] = []
    extractions = {ex.article.id: ex for ex in _run_kg([wikievents.article(d) for d in docs], nlp, errors)}
    golds = {d["doc_id"]: wikievents.gold_events(d) for d in docs}
    preds = {doc_id: wikievents.kg_events(ex) for doc_id, ex in extractions.items()}
    bart = list(wikievents.bart_gen_pairs(folder, docs))
    heads = headword.HeadWords(nlp)
    heads.warm(
        [e.trigger for events in (*golds.values(), *preds.values()) for e in events]
        + [text for events in (*golds.values(), *preds.values()) for e in events for _, text in e.arguments]
        + [text for _, pred in bart for _, text in pred]
    )
    kg_scores = headword.score_documents(
        ((golds[d["doc_id"]], preds.get(d["doc_id"], [])) for d in docs), heads, wikievents.ROLES
    )
    bart_scores = headword.score_given_triggers(bart, heads, wikievents.ROLES)
    return {
        "documents": len(docs),
        "gold_attack_events": kg_scores["events"].gold,
        "extraction_errors": errors,
        **_prf(kg_scores["events"], "event"),
        **_prf(kg_scores["arguments"], "arg"),
        **_prf(kg_scores["found_arguments"], "arg_on_found_events"),
        "roles": _roles(kg_scores["roles"], wikievents.ROLES),
        "bart_gen": {
            "note": "given the gold triggers and event types (not end to end)",
            **_prf(bart_scores["arguments"], "arg"),
            "roles": _roles(bart_scores["roles"], wikievents.ROLES),
        },
    }


def _line(label: str, cells: list[tuple[float, float, float] | None]) -> str:
    out = f"{label:14s}"
    for cell in cells:
        out += "   " + ("    –     –     –" if cell is None else "{:5.1f} {:5.1f} {:5.1f}".format(*cell))
    return out


def _cell(d: dict, prefix: str = "") -> tuple[float, float, float]:
    return d[f"{prefix}p"], d[f"{prefix}r"], d[f"{prefix}f1"]


def table(result: dict) -> str:
    lines: list[str] = []
    m = result.get("muc4")
    if m:
        lines += [
            f"MUC-4 TST4, CEAF-REE ({m['documents']} documents, {m['gold_entities']} gold role fillers)",
            f"{'':14s}" + "".join(f"   {name:>17s}" for name in ("kg", "GRIT (rescored)", "GTT (rescored)")),
            f"{'':14s}" + "       P     R    F1" * 3,
        ]
        for role in ceaf_ree.ROLES:
            lines.append(_line(role, [_cell(m[k][role]) for k in ("roles", "grit_roles", "gtt_roles")]))
        systems = ("", "grit_", "gtt_")
        lines.append(_line("5 roles", [_cell(m[f"{p}micro"]) for p in systems]))
        lines.append(_line("4 (no Weapon)", [_cell(m[f"{p}micro_4roles"]) for p in systems]))
        lines += [f"  extraction error: {e}" for e in m["extraction_errors"]] + [""]
    w = result.get("wikievents")
    if w:
        b = w["bart_gen"]
        lines += [
            f"WikiEvents test, head-word match ({w['documents']} articles, "
            f"{w['gold_attack_events']} gold Conflict.Attack events)",
            f"{'':14s}   {'kg (end to end)':>17s}   {'BART-Gen (gold triggers)':>24s}",
            f"{'':14s}" + "       P     R    F1" * 2,
            _line("Attack events", [_cell(w, "event_"), None]),
            _line("arguments", [_cell(w, "arg_"), _cell(b, "arg_")]),
            _line("  found events", [_cell(w, "arg_on_found_events_"), None]),
        ]
        for role in wikievents.ROLES:
            lines.append(_line(f"  {role}", [_cell(w["roles"][role]), _cell(b["roles"][role])]))
        lines += [f"  extraction error: {e}" for e in w["extraction_errors"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--muc4", type=Path, default=DEFAULT_MUC4, help="MUC-4 folder (default: %(default)s)")
    parser.add_argument(
        "--wikievents", type=Path, default=DEFAULT_WIKIEVENTS, help="WikiEvents folder (default: %(default)s)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON line instead of the table")
    parser.add_argument(
        "--limit", type=int, default=None, help="score only the first N documents of each set"
    )
    opts = parser.parse_args(argv)
    checks: list[tuple[str, Path, Path]] = [
        ("--muc4", opts.muc4, muc4.DOCUMENTS),
        ("--wikievents", opts.wikievents, wikievents.TEST),
    ]
    for flag, folder, needed in checks:
        if not (folder / needed).is_file():
            parser.error(f"{flag} {folder}: no {needed} there (see the README of ../shared/external)")
    nlp = load_pipeline()
    started = time.perf_counter()
    runs: dict[str, Callable[[Path, object, int | None], dict]] = {
        "muc4": score_muc4,
        "wikievents": score_wikievents,
    }
    result: dict = {"extractor": extractor_version()}
    for name, folder in (("muc4", opts.muc4), ("wikievents", opts.wikievents)):
        result[name] = runs[name](folder, nlp, opts.limit)
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result) if opts.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
