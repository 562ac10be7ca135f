"""The real-article corpora under ``bench/real/``: one gold file per article, merged on demand.

    python bench/corpus.py bench/real/tune > /tmp/tune-gold.json     # one gold.json for score.py

Layout of a corpus folder: ``articles/<id>.txt`` (header lines ``title:``, ``source:``, ``url:``,
``published:``, a blank line, then the text) and ``gold/<id>.json`` (``{"doc": id, "events": [...]}``
in the conventions of the shared dev gold; an Attack may carry ``"incident": "<slug>"``, the
real-world incident it reports, shared by every report of that incident across articles).
Per-article gold files let several annotators add articles without touching each other's files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def load_gold(folder: Path) -> list[dict]:
    """Every article's gold of a corpus folder, sorted by doc id."""
    docs = []
    for path in sorted((folder / "gold").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("doc") != path.stem:
            raise SystemExit(f"{path}: doc {doc.get('doc')!r} does not match the file name")
        docs.append(doc)
    return docs


def write_gold(folder: Path, out: Path) -> Path:
    """Merge a corpus folder's gold into one file that ``score.py --gold`` reads."""
    out.write_text(json.dumps(load_gold(folder), ensure_ascii=False, indent=1), encoding="utf-8")
    return out


if __name__ == "__main__":
    json.dump(load_gold(Path(sys.argv[1])), sys.stdout, ensure_ascii=False, indent=1)
