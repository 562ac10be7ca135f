"""WikiEvents test for kg: the articles as kg articles, gold Attack events, kg's and BART-Gen's predictions.

Data (read at run time from the folder ``--wikievents`` names, never copied): ``test.jsonl`` (20
articles), ``event_role_KAIROS.json`` (the role templates) and BART-Gen's published predictions
``predictions/bart-gen_pointer_predictions.jsonl`` (one filled template per gold event, in the
order of the document's ``event_mentions``).

Evaluation adaptation:

- The article text is the data set's ``text`` with the whitespace its construction lost put back:
  where the data set's own token offsets show a gap between two tokens that ``text`` joins
  ("said."We", a headline glued to the lead), a space goes back, or a line break where the gap was
  wider than one character. No other change; kg ingests it as any article (no date is given).
- Gold events are the ``Conflict.Attack.*`` mentions; their roles map to kg's as ``Attacker`` →
  agent, ``Target``/``Victim`` → target, ``Place`` → location, ``Instrument``/``ExplosiveDevice`` →
  instrument (other roles are not scored).
- kg's Attack events are the predictions, each with its evidence sentence, its trigger and the
  mentions of its role values (:mod:`kg_args`). Scoring is :mod:`headword`'s.
- BART-Gen fills a template per **gold** event (it is given the gold trigger and type); its filled
  text is read back against the template, a slot holding ``<arg>`` is empty, and a slot naming
  several fillers joined by "and" gives each. Its argument F1 is thus not end to end.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from headword import GoldEvent, PredictedEvent
from kg_args import role_values

from kg.ingest import make_article
from kg.model import Article, Extraction

TEST = Path("test.jsonl")
ONTOLOGY = Path("event_role_KAIROS.json")
BART_GEN = Path("predictions/bart-gen_pointer_predictions.jsonl")

ATTACK = "Conflict.Attack."
ROLE_MAP = {
    "Attacker": "agent",
    "Target": "target",
    "Victim": "target",
    "Place": "location",
    "Instrument": "instrument",
    "ExplosiveDevice": "instrument",
}
ROLES: tuple[str, ...] = ("agent", "target", "location", "instrument")
EMPTY_SLOT = "<arg>"


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_documents(folder: Path) -> list[dict]:
    return read_jsonl(folder / TEST)


def restored_text(doc: dict) -> tuple[str, list[int]]:
    """The text with lost whitespace put back, and each token's character offset in it."""
    text = doc["text"]
    tokens = [t for sentence in doc["sentences"] for t in sentence[0]]
    out: list[str] = []
    offsets: list[int] = []
    cursor, length, previous_end = 0, 0, None
    for word, original_start, original_end in tokens:
        found = text.find(word, cursor)
        if found < 0:
            raise ValueError(f"WikiEvents {doc['doc_id']}: token {word!r} not found in the text")
        gap = text[cursor:found]
        if not gap and previous_end is not None and original_start > previous_end:
            gap = "\n" if original_start - previous_end > 1 else " "
        out += [gap, word]
        offsets.append(length + len(gap))
        length += len(gap) + len(word)
        cursor, previous_end = found + len(word), original_end
    out.append(text[cursor:])
    return "".join(out), offsets


def article(doc: dict) -> Article:
    text, _ = restored_text(doc)
    return make_article(doc["doc_id"], {"id": doc["doc_id"]}, text, doc["doc_id"])


def is_attack(event_type: str) -> bool:
    return event_type.startswith(ATTACK)


def gold_arguments(mention: dict) -> tuple[tuple[str, str], ...]:
    return tuple((ROLE_MAP[a["role"]], a["text"]) for a in mention["arguments"] if a["role"] in ROLE_MAP)


def gold_events(doc: dict) -> list[GoldEvent]:
    """The document's Conflict.Attack.* mentions, located in :func:`restored_text`."""
    _, offsets = restored_text(doc)
    return [
        GoldEvent(offsets[m["trigger"]["start"]], m["trigger"]["text"], gold_arguments(m))
        for m in doc["event_mentions"]
        if is_attack(m["event_type"])
    ]


def kg_events(extraction: Extraction) -> list[PredictedEvent]:
    text = extraction.article.text
    return [
        PredictedEvent(
            e.evidence.start,
            e.evidence.end,
            e.trigger,
            tuple((role, v.mention) for role in ROLES for v in role_values(e, role, text)),
        )
        for e in extraction.events
        if e.type == "Attack"
    ]


def _template_pattern(template: str) -> tuple[re.Pattern[str], list[int]]:
    parts = re.split(r"<arg(\d+)>", template)
    pieces, slots = [], []
    for i, part in enumerate(parts):
        if i % 2:
            pieces.append("(.*?)")
            slots.append(int(part))
        elif part.split():
            pieces.append(r"\s+".join(re.escape(word) for word in part.split()))
    return re.compile(r"\s*".join(pieces), re.DOTALL), slots


def read_filled(template: str, roles: list[str], filled: str) -> list[tuple[str, str]] | None:
    """(role, text) fillers of a filled-in template; None when the text does not fit the template."""
    pattern, slots = _template_pattern(template)
    match = pattern.fullmatch(" ".join(filled.split()))
    if match is None:
        return None
    out = []
    for slot, value in zip(slots, match.groups(), strict=True):
        value = value.strip()
        if value and value != EMPTY_SLOT:
            out += [(roles[slot - 1], part.strip()) for part in value.split(" and ") if part.strip()]
    return out


def bart_gen_pairs(
    folder: Path, docs: Iterable[dict], field: str = "predicted"
) -> Iterator[tuple[tuple[tuple[str, str], ...], list[tuple[str, str]]]]:
    """(gold arguments, BART-Gen arguments) of every gold Attack mention, in kg's role names.

    ``field="gold"`` reads the data set's own rendering of the gold instead (a check of the reading).
    """
    ontology = json.loads((folder / ONTOLOGY).read_text(encoding="utf-8"))
    lines: dict[str, list[dict]] = {}
    for line in read_jsonl(folder / BART_GEN):
        lines.setdefault(line["doc_key"], []).append(line)
    for doc in docs:
        filled = lines.get(doc["doc_id"], [])
        if len(filled) != len(doc["event_mentions"]):
            raise ValueError(
                f"{folder / BART_GEN}: {len(filled)} predictions for {doc['doc_id']}, "
                f"which has {len(doc['event_mentions'])} events"
            )
        for mention, line in zip(doc["event_mentions"], filled, strict=True):
            if not is_attack(mention["event_type"]):
                continue
            entry = ontology[mention["event_type"]]
            read = read_filled(entry["template"], entry["roles"], line[field]) or []
            yield gold_arguments(mention), [(ROLE_MAP[r], t) for r, t in read if r in ROLE_MAP]
