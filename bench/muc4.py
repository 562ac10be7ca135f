"""MUC-4 TST4 for kg: the documents as kg articles, kg's attacks as MUC-4 role fillers, and the gold.

Data (read at run time from the folder ``--muc4`` names, never copied): ``derived/tst4_mixedcase_gtt.jsonl``
(the 100 TST4 documents in mixed case with their dateline and GTT's templates) and the published
predictions of GRIT and GTT under ``predictions/``. Documents are keyed as GRIT keys them
(``TST4-MUC4-0001`` → ``40001``).

Evaluation adaptation (how kg's output is read as MUC-4 role fillers; no extraction rule looks at it):

- Each document becomes an :class:`~kg.model.Article` through kg's own ingest
  (:func:`kg.ingest.make_article`): its dateline gives the published date (``23 Aug 88``) and the
  source, and the place heads the text as a wire dateline, the form kg reads the filing place from
  (``CONCEPCION — ...``; ``Managua (Nicaragua)`` → ``MANAGUA, Nicaragua — ...``).
- Every Attack event of the document counts (kg has already merged an attack's mentions into one
  event with all their arguments); their values are pooled per MUC-4 role, one entity per kg entity key.
- ``agent`` → **PerpInd** when the entity is a Person or a description without a name (kg scopes such
  a key to the article: "unidentified individuals", "30 guerrillas"); any other agent (a named Group,
  Organization, Country) → **PerpOrg**.
- ``target`` → **Victim** when the entity is a Person or a Group (people); a Place, Organization,
  Country or an entity of unknown kind (buildings, vehicles, facilities, an office) → **Target**.
- ``instrument`` (entities or facts) → **Weapon**; while extraction gives none, Weapon scores 0 recall.
- Each predicted entity is one mention: the text of its earliest recorded span, else its earliest
  surface form in the text (:mod:`kg_args`).

kg makes Attacks MUC-4 does not template (clashes with the military, attacks on military targets are
outside its "terrorist incident" definition), and kg's Threaten events are not pooled: both cost it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from ceaf_ree import ROLES, pool_templates
from kg_args import role_values

from kg.ingest import make_article
from kg.model import Article, Extraction

DOCUMENTS = Path("derived/tst4_mixedcase_gtt.jsonl")
GRIT_PREDICTIONS = Path("predictions/grit_preds_s_t.out")
GTT_PREDICTIONS = Path("predictions/gtt_preds_gtt.out")

_DATELINE = re.compile(
    r"^(?P<place>[^,(]+?)\s*(?:\((?P<country>[^)]+)\))?\s*,\s*(?P<date>\d{1,2} \w{3} \d{2})"
    r"\s*(?:\((?P<source>.*)\))?\s*$"
)
VICTIM_KINDS = frozenset({"Person", "Group"})


def doc_key(docid: str) -> str:
    """GRIT's key of a document: ``TST4-MUC4-0001`` → ``40001``."""
    split, number = docid.split("-")[0], docid.split("-")[-1]
    return str(int(split[-1]) * 10000 + int(number))


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_documents(folder: Path) -> list[dict]:
    return read_jsonl(folder / DOCUMENTS)


def parse_dateline(dateline: str) -> tuple[str, str | None, date | None, str | None]:
    """``Managua (Nicaragua), 27 Aug 88 (Radio Sandino)`` → place, country, date, source."""
    match = _DATELINE.match(dateline.strip())
    if match is None:
        return dateline.strip(), None, None, None
    published = datetime.strptime(match["date"], "%d %b %y").date()
    return match["place"], match["country"], published, match["source"]


def article(doc: dict) -> Article:
    """The document as kg ingests an article: dateline place heading the text, dateline date published."""
    place, country, published, source = parse_dateline(doc["dateline"])
    heading = place.upper() + (f", {country}" if country else "")
    fields = {"id": doc["docid"], "published": published.isoformat() if published else None, "source": source}
    return make_article(doc["docid"], fields, f"{heading} — {doc['doctext']}", doc["docid"])


def gold(docs: Iterable[dict]) -> dict[str, dict]:
    """Each document's templates pooled per role as GRIT pools them; documents without any included."""
    return {doc_key(d["docid"]): pool_templates(d["templates"]) for d in docs}


def muc_role(role: str, kind: str | None, scoped: bool) -> str | None:
    """The MUC-4 role of a kg value of ``role`` (see the module docstring), or None if not scored."""
    if role == "agent":
        return "PerpInd" if kind == "Person" or scoped else "PerpOrg"
    if role == "target":
        return "Victim" if kind in VICTIM_KINDS else "Target"
    if role == "instrument":
        return "Weapon"
    return None


def role_fillers(extraction: Extraction) -> dict[str, list[list[str]]]:
    """kg's Attack arguments of one article pooled per MUC-4 role: one single-mention entity per key."""
    pooled: dict[str, list[list[str]]] = {role: [] for role in ROLES}
    seen: set[tuple[str, str]] = set()
    text = extraction.article.text
    for event in (e for e in extraction.events if e.type == "Attack"):
        for role in ("agent", "target", "instrument"):
            for value in role_values(event, role, text):
                muc = muc_role(role, value.kind, value.scoped)
                if muc is not None and (muc, value.key) not in seen:
                    seen.add((muc, value.key))
                    pooled[muc].append([value.mention])
    return pooled


def predictions(extractions: Iterable[Extraction]) -> Iterator[tuple[str, dict]]:
    for ex in extractions:
        yield doc_key(ex.article.id), role_fillers(ex)


def grit_predictions(folder: Path) -> dict[str, dict]:
    """GRIT's published ``pred_extracts`` of the TST4 documents (keys starting with 4)."""
    out = json.loads((folder / GRIT_PREDICTIONS).read_text(encoding="utf-8"))
    return {key: value["pred_extracts"] for key, value in out.items() if key.startswith("4")}


def gtt_predictions(folder: Path) -> dict[str, dict]:
    """GTT's published ``pred_templates`` of the TST4 documents, pooled per role like the gold."""
    out = json.loads((folder / GTT_PREDICTIONS).read_text(encoding="utf-8"))
    return {key: pool_templates(value["pred_templates"]) for key, value in out.items() if key.startswith("4")}
