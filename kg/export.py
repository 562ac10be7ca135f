"""Write the store as RDF in any graph format of the registry (:mod:`kg.formats`): name, alias or MIME type.

Turtle, N-Triples and RDF/XML have no graphs, so they get the union of the named graphs;
TriG, N-Quads and JSON-LD keep every article's graph and the provenance graph.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from kg.errors import OutputError
from kg.files import atomic_file, is_special, os_reason
from kg.formats import GraphFormat, graph_format
from kg.rdf import prefixes

XML_INVALID_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
"""UTF-8 of the characters XML 1.0 cannot hold (C0 controls but tab, LF, CR; U+FFFE, U+FFFF)."""
REPLACEMENT = "\ufffd".encode()


def _copy(source: BinaryIO, target: BinaryIO, fmt: GraphFormat) -> None:
    """Copy a dump; RDF/XML with every character XML cannot hold replaced by U+FFFD.

    pyoxigraph writes a literal's control characters raw into RDF/XML, which then is not
    well-formed; they can only stand in literal text (IRIs cannot hold them), so bytes are enough.
    A line ends in a newline, which no multi-byte UTF-8 sequence holds, so lines are cut safely.
    """
    if not fmt.is_xml:
        shutil.copyfileobj(source, target)
        return
    for line in source:
        target.write(XML_INVALID_BYTES.sub(REPLACEMENT, line))


def export(store: Any, fmt: str, out: Path | None = None) -> GraphFormat:
    """Write ``store`` in format ``fmt`` to ``out`` (atomically) or, when ``out`` is None, to stdout."""
    chosen = graph_format(fmt)
    if out is not None and not chosen.is_xml:
        store.dump(out, chosen.rdf_format, prefixes=prefixes())
        return chosen
    on_disk = out is not None and not is_special(out)
    folder = Path(out).resolve().parent if on_disk else None  # the temp file on the target's disk
    with tempfile.TemporaryDirectory(prefix=".kg-export-", dir=folder) as temp_folder:
        temp = Path(temp_folder) / f"graph.{chosen.suffix}"
        try:
            store.dump(temp, chosen.rdf_format, prefixes=prefixes())
        except OutputError as exc:  # name the file the user asked for, not the temporary one
            reason = os_reason(exc.__cause__) if isinstance(exc.__cause__, OSError) else str(exc)
            raise OutputError(f"cannot write {out or 'standard output'}: {reason}") from exc
        with temp.open("rb") as data:
            if out is not None:
                with atomic_file(out) as target:
                    _copy(data, target, chosen)
                return chosen
            sys.stdout.flush()
            _copy(data, sys.stdout.buffer, chosen)
            sys.stdout.buffer.flush()
    return chosen
