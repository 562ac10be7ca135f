"""Shared test setup: the repository paths, and tools that CI requires rather than skips."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

REQUIRED_TOOLS = {
    "KG_REQUIRE_BROWSER": ("chromium", "Debian's chromium (apt-get install -y chromium)"),
    "KG_REQUIRE_RAPPER": ("rapper", "Debian's raptor2-utils (apt-get install -y raptor2-utils)"),
}


def pytest_sessionstart(session: pytest.Session) -> None:
    """Where CI asks for a tool (KG_REQUIRE_*), its absence fails the run instead of skipping tests."""
    for variable, (binary, package) in REQUIRED_TOOLS.items():
        if os.environ.get(variable) and not shutil.which(binary):
            raise pytest.UsageError(f"{variable} is set but `{binary}` is not on PATH: install {package}")


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once for the whole session."""
    from kg.extract import load_pipeline

    return load_pipeline()
