"""The extractor version: a digest of everything that decides what extraction makes of a text.

``kg-extract/2+<12 hex digits>`` over the extraction code (``kg/extract/*.py``, ``kg/gazetteer.py``),
its data files (``kg/data/*.yaml`` but the view's ``style.yaml``, and ``kg/data/*.json``: the learned
detector's weights) and the gazetteer's alias table. It is
stored with each article's extraction (``kg:extractorVersion`` in the provenance graph, beside
``kg:model``) and is part of the build's skip key: after an upgrade that changes any of these, a
rebuild extracts again exactly the articles stored by another version, and says how many.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

from kg.gazetteer import ALIASES_FILE, REGIONS_FILE
from kg.terms import ontology_path

PREFIX = "kg-extract/2+"
NOT_EXTRACTION = frozenset({"style.yaml"})
"""Data files that only the view reads: changing them changes no extraction."""

_PACKAGE = Path(__file__).resolve().parent.parent


def digest(files: Iterable[tuple[str, Path]]) -> str:
    """The version stamp of ``(name, path)`` pairs: each name and its file's bytes, in name order.

    Names are stable across installs (``extract/coref.py``, ``data/cues.yaml``), so a wheel and a
    source checkout of the same code give the same version.
    """
    sha = hashlib.sha256()
    for name, path in sorted(files):
        sha.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return PREFIX + sha.hexdigest()[:12]


def extraction_files() -> list[tuple[str, Path]]:
    """The ``(name, path)`` of every file :func:`extractor_version` digests."""
    code = [(f"extract/{p.name}", p) for p in (_PACKAGE / "extract").glob("*.py")]
    data = [
        (f"data/{p.name}", p)
        for pattern in ("*.yaml", "*.json")
        for p in (_PACKAGE / "data").glob(pattern)
        if p.name not in NOT_EXTRACTION
    ]
    gazetteer = [("gazetteer.py", _PACKAGE / "gazetteer.py")]
    gazetteer += [(name, ontology_path(name)) for name in (ALIASES_FILE, REGIONS_FILE)]
    return sorted([*code, *data, *gazetteer])


@functools.cache
def extractor_version() -> str:
    """This installation's extractor version (computed once per process)."""
    return digest(extraction_files())
