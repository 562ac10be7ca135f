"""The extraction package stays in small modules named for what they do: none over ``LIMIT`` lines (a module
that grows past it is split by what its parts do, as the compass parts went to compass.py)."""

from __future__ import annotations

from conftest import ROOT

LIMIT = 450


def test_no_extraction_module_is_over_the_limit() -> None:
    modules = sorted((ROOT / "kg" / "extract").glob("*.py"))
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in modules}
    assert len(sizes) > 30  # the package was found
    assert {name: n for name, n in sizes.items() if n > LIMIT} == {}
