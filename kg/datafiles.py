"""The YAML files of ``kg/data/``, read by PyYAML's safe loader: libyaml's (``CSafeLoader``, about ten times
as fast: the data files cost a build 0.25 s CPU in the pure-Python one) where PyYAML was built with it.

Light on purpose (no spaCy): extraction, linking and the view all read their tables through it.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """YAML text, read by the safe loader."""
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 (a safe loader)


def read_data(name: str) -> Any:
    """The data file ``kg/data/<name>``, parsed."""
    return parse_yaml(resources.files("kg.data").joinpath(name).read_text(encoding="utf-8"))
