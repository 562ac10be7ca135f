"""Learned weights shipped as JSON data in ``kg/data/`` (:mod:`kg.extract.learned`,
:mod:`kg.extract.learned_filter`): the file read, and the model extraction uses, the shipped one unless
a block asks for another (tests, training)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from importlib import resources
from typing import Any, Generic, TypeVar

M = TypeVar("M")
_SHIPPED = object()


def read_json(text: str, source: str, fail: Callable[[str, str], Exception]) -> Any:
    """The parsed JSON of a weights file; text that is no JSON fails by ``fail(source, reason)``."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(source, f"is not valid JSON: {exc}") from exc


def shipped_text(name: str) -> str | None:
    """The text of ``kg/data/NAME``, None when the file is absent."""
    path = resources.files("kg.data").joinpath(name)
    return path.read_text(encoding="utf-8") if path.is_file() else None


class ModelChoice(Generic[M]):
    """Which model extraction uses: ``shipped()`` unless a :meth:`using` block sets another (None: none)."""

    def __init__(self, name: str, shipped: Callable[[], M | None]) -> None:
        self._chosen: ContextVar[object] = ContextVar(name, default=_SHIPPED)
        self._shipped = shipped

    @contextlib.contextmanager
    def using(self, model: M | None) -> Iterator[None]:
        token = self._chosen.set(model)
        try:
            yield
        finally:
            self._chosen.reset(token)

    def current(self) -> M | None:
        model = self._chosen.get()
        return self._shipped() if model is _SHIPPED else model  # type: ignore[return-value]
