"""kg.extract.version: the extractor version is a digest of the extraction code and data files."""

from __future__ import annotations

import shutil
from pathlib import Path

from kg.extract.version import PREFIX, digest, extraction_files, extractor_version


def test_the_version_digests_code_data_and_gazetteer_aliases_but_not_the_view_style() -> None:
    names = [name for name, _ in extraction_files()]
    assert "extract/coref.py" in names and "data/rules.yaml" in names and "data/cues.yaml" in names
    assert "gazetteer.py" in names and "gazetteer-aliases.tsv" in names
    assert "data/style.yaml" not in names
    assert extractor_version().startswith(PREFIX) and len(extractor_version()) == len(PREFIX) + 12


def test_changing_one_data_file_changes_the_version_and_restoring_it_restores_it(tmp_path: Path) -> None:
    copies = []
    for name, path in extraction_files():
        copy = tmp_path / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
        copies.append((name, copy))
    assert digest(copies) == extractor_version()
    cues = tmp_path / "data" / "cues.yaml"
    original = cues.read_bytes()
    cues.write_bytes(original + b"\n# a comment is a change too\n")
    assert digest(copies) != extractor_version()
    cues.write_bytes(original)
    assert digest(copies) == extractor_version()


def test_a_file_under_another_name_is_another_version(tmp_path: Path) -> None:
    one = tmp_path / "a.yaml"
    one.write_text("x: 1\n")
    assert digest([("data/a.yaml", one)]) != digest([("data/b.yaml", one)])
