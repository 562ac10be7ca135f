"""The walkthrough notebook runs top to bottom on the seed articles and shows the graph's facts."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "walkthrough.ipynb"


def outputs_text(nb: nbformat.NotebookNode) -> str:
    parts: list[str] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            data = output.get("data", {})
            parts.extend(str(value) for key, value in data.items() if key.startswith("text/"))
    return "\n".join(parts)


def test_notebook_is_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)


@pytest.mark.slow
def test_notebook_runs_and_shows_the_facts(
    tmp_path: Path, seed_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nbclient import NotebookClient

    monkeypatch.setenv("KG_SEEDS", str(seed_dir))
    copy = tmp_path / NOTEBOOK.name
    shutil.copy(NOTEBOOK, copy)
    nb = nbformat.read(copy, as_version=4)
    where = {"metadata": {"path": str(tmp_path)}}
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources=where)
    client.execute()
    errors = [out for cell in nb.cells for out in cell.get("outputs", []) if out.output_type == "error"]
    assert errors == []
    text = outputs_text(nb)
    articles = len(list(seed_dir.iterdir()))
    assert f"read {articles} article" in text and "quads in the store" in text
    assert "<h4>Who claimed which attacks</h4>" in text and "Islamic State" in text
    assert "Kerman" in text and "<h4>Key actors</h4>" in text and "ranked by PageRank" in text
    assert "<h4>Places attacked most</h4>" in text and "<h4>Targets attacked most</h4>" in text
    assert " --agent--> " in text or " --locatedIn--> " in text
    assert any("image/png" in out.get("data", {}) for cell in nb.cells for out in cell.get("outputs", []))
    assert "nodes," in text and "<iframe srcdoc=" in text and "kgNodes" in text
