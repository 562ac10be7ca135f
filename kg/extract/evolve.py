"""``dataclasses.replace`` with each class's field names worked out once.

The standard ``replace`` walks the class's field table and checks each field's kind at every call; the
extraction of one short article calls it about sixty times (drafts, entities, events, places, supports).
Same result: the class is called with the changes and every other field as it is (its ``__post_init__``
runs as before). A class with a field ``__init__`` does not take (``init=False``, an ``InitVar``) goes
to the standard ``replace``.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


@cache
def _init_fields(cls: type) -> tuple[str, ...] | None:
    """The names of the fields ``cls.__init__`` takes, or None when only the standard path will do."""
    table = getattr(cls, "__dataclass_fields__", None)
    if table is None or any(not f.init or f._field_type is not dataclasses._FIELD for f in table.values()):  # type: ignore[attr-defined]
        return None
    return tuple(table)


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the dataclass instance ``obj`` with ``changes``, as :func:`dataclasses.replace` makes it."""
    names = _init_fields(type(obj))
    if names is None:
        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    for name in names:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return type(obj)(**changes)
