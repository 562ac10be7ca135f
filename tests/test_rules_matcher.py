"""The rules' dependency patterns, matched upward from the filler, find what they find as written."""

from __future__ import annotations

from spacy.matcher import DependencyMatcher

from kg.extract.rules import load_rules, pattern_fillers, up_to_the_trigger

TEXTS = (
    "Gunmen attacked a police station in Kano on Monday, and the army blamed Boko Haram for the raid.",
    "The bombing was claimed by the Eastern Front, whose fighters struck the convoy near the border.",
    "The Interior Ministry spokesman said militants had pointed the finger at Kenyan forces.",
    "Protesters marched to the embassy; police fired tear gas at the crowd and arrested 20 of them.",
)


def test_a_chain_is_read_from_its_filler_up_without_the_trigger() -> None:
    pattern = [
        {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {}},
        {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "link", "RIGHT_ATTRS": {"DEP": "prep"}},
        {"LEFT_ID": "link", "REL_OP": ">", "RIGHT_ID": "filler", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ]
    assert up_to_the_trigger(pattern) == [
        {"RIGHT_ID": "filler", "RIGHT_ATTRS": {"DEP": "pobj"}},
        {"LEFT_ID": "filler", "REL_OP": "<", "RIGHT_ID": "link", "RIGHT_ATTRS": {"DEP": "prep"}},
    ]
    constrained = [{**pattern[0], "RIGHT_ATTRS": {"POS": "VERB"}}, *pattern[1:]]
    assert up_to_the_trigger(constrained) is None  # a trigger with attributes is matched as written
    branching = [*pattern, {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "x", "RIGHT_ATTRS": {}}]
    assert up_to_the_trigger(branching) is None


def test_every_rule_finds_the_same_fillers_as_its_pattern_as_written(nlp) -> None:
    written = DependencyMatcher(nlp.vocab)
    rules = [rule for rule in load_rules().values() if rule.pattern is not None]
    for rule in rules:
        written.add(rule.id, [list(rule.pattern)])
    for doc in nlp.pipe(TEXTS):
        expected: dict[tuple[str, int], set] = {}
        for match_id, ids in written(doc):
            rule = nlp.vocab.strings[match_id]
            names = [node["RIGHT_ID"] for node in load_rules()[rule].pattern]
            link = ids[names.index("link")] if "link" in names else None
            expected.setdefault((rule, ids[0]), set()).add((ids[names.index("filler")], link))
        found = {
            (rule.id, token.i): {(f.i, k.i if k is not None else None) for f, k in fillers}
            for rule in rules
            for token in doc
            if (fillers := pattern_fillers(token, rule.id))
        }
        assert found == expected and found, doc.text
