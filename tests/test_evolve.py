"""kg.extract.evolve.replace makes what dataclasses.replace makes."""

import dataclasses

import pytest

from kg.extract.evolve import replace
from kg.model import Entity


@dataclasses.dataclass(frozen=True)
class _Counted:
    name: str
    size: int = 0
    double: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "double", 2 * self.size)


@dataclasses.dataclass
class _Memo:
    name: str
    memo: dict = dataclasses.field(default_factory=dict, init=False)


def test_same_value_as_the_standard_replace() -> None:
    entity = Entity(key="Kabul", label="Kabul", kind="City")
    assert replace(entity, label="KABUL") == dataclasses.replace(entity, label="KABUL")
    counted = _Counted("a", 3)
    assert replace(counted, size=5) == dataclasses.replace(counted, size=5) == _Counted("a", 5)


def test_a_field_init_does_not_take_goes_the_standard_way() -> None:
    memo = _Memo("a")
    assert replace(memo, name="b").name == "b"
    with pytest.raises(ValueError):
        replace(memo, memo={})


def test_an_unknown_field_is_refused() -> None:
    with pytest.raises(TypeError):
        replace(_Counted("a"), colour="red")
