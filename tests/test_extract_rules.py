"""Every rule of kg/data/rules.yaml on its own examples: seen in the trace on each ``fires`` sentence,
never on a ``silent`` one; and the rules file is checked when it is loaded."""

from __future__ import annotations

import copy

import pytest
import yaml
from extract_helpers import PUBLISHED

from kg.errors import ExtractionError
from kg.extract.explain import explain
from kg.extract.rules import load_rules, parse_rules
from kg.model import Article

RULES = load_rules()
CASES = [
    pytest.param(rule.id, fires, example, id=f"{rule.id}-{'fires' if fires else 'silent'}{n}")
    for rule in RULES.values()
    for fires, examples in ((True, rule.fires), (False, rule.silent))
    for n, example in enumerate(examples)
]


def _article(example: str | dict[str, str]) -> Article:
    if isinstance(example, dict):
        return Article("example", example["title"], example["text"], PUBLISHED)
    return Article("example", "", example, PUBLISHED)


@pytest.mark.parametrize(("rule", "fires", "example"), CASES)
def test_rule_on_its_examples(nlp, rule: str, fires: bool, example) -> None:
    seen = explain(_article(example), nlp).rules()
    assert (rule in seen) is fires, f"{rule} {'not ' if fires else ''}seen in the trace of {example!r}"


def _data() -> dict:
    from importlib import resources

    return yaml.safe_load(resources.files("kg.data").joinpath("rules.yaml").read_text(encoding="utf-8"))


def _with(change) -> dict:
    data = copy.deepcopy(_data())
    change(data["rules"])
    return data


def test_the_shipped_rules_load_with_patterns_and_predicates() -> None:
    kinds = {rule.does for rule in RULES.values()}
    assert kinds == {"event", "argument", "merge", "reject"}
    assert RULES["agent.passive_by"].pattern is not None
    assert RULES["trigger.negated"].check == "negated"


def test_an_unknown_predicate_fails_with_file_and_rule() -> None:
    data = _with(lambda rules: rules[0].pop("pattern") and rules[0].update(check="no_such_test"))
    with pytest.raises(ExtractionError, match=r"rules.yaml: rule agent.subject: names unknown predicate"):
        parse_rules(data)


def test_a_malformed_pattern_fails_with_file_and_rule() -> None:
    def spoil(rules: list) -> None:
        rules[0]["pattern"] = [
            {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {}},
            {"LEFT_ID": "trigger", "REL_OP": "?>", "RIGHT_ID": "filler", "RIGHT_ATTRS": {"DEP": "nsubj"}},
        ]

    with pytest.raises(ExtractionError, match=r"rule agent.subject: malformed pattern"):
        parse_rules(_with(spoil))


def test_a_pattern_must_name_its_filler() -> None:
    def spoil(rules: list) -> None:
        rules[0]["pattern"] = [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {}}]

    with pytest.raises(ExtractionError, match=r"rule agent.subject: a pattern starts at the node 'trigger'"):
        parse_rules(_with(spoil))


def test_a_pattern_is_matched_from_its_trigger(nlp) -> None:
    from kg.extract.rules import pattern_fillers

    doc = nlp("The convoy was ambushed by rebels near the river.")
    assert [(f.text, link) for f, link in pattern_fillers(doc[3], "agent.passive_by")] == [("rebels", None)]
    assert [(f.text, link.text) for f, link in pattern_fillers(doc[5], "target.prep_object")] == [
        ("river", "near")
    ]
    assert pattern_fillers(doc[1], "agent.passive_by") == []


def test_a_rule_without_examples_or_with_a_misspelt_field_fails() -> None:
    with pytest.raises(ExtractionError, match=r"rule agent.subject: needs 'fires' and 'silent'"):
        parse_rules(_with(lambda rules: rules[0].pop("silent")))
    with pytest.raises(ExtractionError, match=r"rule agent.subject: unknown field\(s\) sayz"):
        parse_rules(_with(lambda rules: rules[0].update(sayz="x")))


def test_a_duplicate_id_and_a_predicate_without_rule_fail() -> None:
    with pytest.raises(ExtractionError, match=r"rule agent.subject: defined twice"):
        parse_rules(_with(lambda rules: rules.append(copy.deepcopy(rules[0]))))
    data = _with(
        lambda rules: rules[:] and [rules.remove(r) for r in list(rules) if r.get("check") == "negated"]
    )
    with pytest.raises(ExtractionError, match=r"predicates registered in code without a rule: negated"):
        parse_rules(data)
