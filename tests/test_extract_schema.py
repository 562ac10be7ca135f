"""The extraction data files are checked against their schema when loaded: a broken file fails at start."""

from __future__ import annotations

import copy
from datetime import date
from importlib import resources

import pytest
import yaml

from kg.errors import ExtractionError, LexiconError
from kg.extract.dates import normalize_date
from kg.extract.schema import SCHEMAS, validate


def _data(name: str) -> dict:
    return yaml.safe_load(resources.files("kg.data").joinpath(name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_data_file_validates(name: str) -> None:
    assert validate(name, _data(name)) == _data(name)


def test_misspelt_cue_fails_naming_file_key_and_the_likely_one() -> None:
    data = _data("cues.yaml")
    data["actor_noun"] = data.pop("actor_nouns")
    with pytest.raises(LexiconError) as caught:
        validate("cues.yaml", data)
    message = str(caught.value)
    assert message.startswith("kg/data/cues.yaml: ")
    assert "unknown key 'actor_noun' (did you mean 'actor_nouns'?)" in message
    assert "missing key 'actor_nouns'" not in message.split(" (and")[0]


def test_misspelt_key_inside_an_event_type() -> None:
    data = _data("triggers.yaml")
    data["Attack"]["NOUNS"] = data["Attack"].pop("NOUN")
    expected = r"kg/data/triggers.yaml: unknown key 'Attack.NOUNS' \(did you mean 'NOUN'\?\)"
    with pytest.raises(LexiconError, match=expected):
        validate("triggers.yaml", data)


def test_unknown_event_type_and_bad_strength() -> None:
    data = _data("triggers.yaml")
    data["Atack"] = data["Attack"]
    with pytest.raises(LexiconError, match="unknown key 'Atack'"):
        validate("triggers.yaml", data)
    data = _data("triggers.yaml")
    data["Attack"]["VERB"]["bomb"] = 1.5
    expected = r"triggers.yaml: Attack.VERB.bomb: Input should be less than or equal to 1"
    with pytest.raises(LexiconError, match=expected):
        validate("triggers.yaml", data)


def test_wrong_shapes_name_the_key() -> None:
    data = _data("aliases.yaml")
    data["entities"]["Islamic State"]["kind"] = "Militia"
    with pytest.raises(LexiconError, match=r"aliases.yaml: entities.Islamic State.kind"):
        validate("aliases.yaml", data)
    data = _data("dates.yaml")
    data["months"]["smarch"] = 13
    with pytest.raises(LexiconError, match=r"dates.yaml: months.smarch"):
        validate("dates.yaml", data)
    data = _data("numbers.yaml")
    del data["killed"]
    with pytest.raises(LexiconError, match=r"kg/data/numbers.yaml: missing key 'killed'"):
        validate("numbers.yaml", data)


def test_a_lexicon_error_is_an_extraction_error_with_one_line() -> None:
    data = copy.deepcopy(_data("roles.yaml"))
    data["types"]["Attack"]["VERB"]["victim"] = ["dobj"]
    with pytest.raises(ExtractionError) as caught:
        validate("roles.yaml", data)
    assert "\n" not in str(caught.value)
    assert "roles.yaml: types.Attack.VERB.victim" in str(caught.value)


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("on Wednesday", "2024-01-05", "2024-01-03"),
        ("last month", "2024-01-05", "2023-12"),
        ("in Sept.", "2024-01-05", "2023-09"),
        ("early on March 3, 2021", None, "2021-03-03"),
        ("last year", "2024-01-05", "2023"),
    ],
)
def test_date_words_come_from_the_data(phrase: str, published: str | None, expected: str) -> None:
    assert normalize_date(phrase, date.fromisoformat(published) if published else None) == expected
