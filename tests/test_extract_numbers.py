"""Casualty counts: digits and words, approximate markers, years and unrelated numbers left out."""

from __future__ import annotations

import pytest
from extract_helpers import events, of_type

from kg.extract.lexicon import load_lexicon
from kg.extract.numbers import casualty_counts


def counts(nlp, text: str) -> list[tuple[str, int, bool]]:
    doc = nlp(text)
    return [(c.kind, c.value, c.approximate) for c in casualty_counts(doc[:], load_lexicon())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ambush killed 17 soldiers near the border.", [("killed", 17, False)]),
        (
            "Militants killed three villagers and wounded 41 others.",
            [("killed", 3, False), ("injured", 41, False)],
        ),
        ("The blast claimed nearly 60 lives.", [("killed", 60, True)]),
        ("At least 23 farmhands were hurt during the raid.", [("injured", 23, True)]),
        ("More than forty people died in the fire at the depot.", [("killed", 40, True)]),
        ("The death toll rose to 1,204 on Sunday.", [("killed", 1204, False)]),
        ("The clinic received five dead and 19 injured.", [("killed", 5, False), ("injured", 19, False)]),
        ("The bombing left two hundred people dead.", [("killed", 200, False)]),
    ],
)
def test_casualty_counts(nlp, text: str, expected: list[tuple[str, int, bool]]) -> None:
    assert counts(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The rebels fired 85 rockets in 2016.",
        "Seven of the men carried rifles.",
        "The first explosion came at noon on the 3rd.",
        "The 2011 uprising killed the old order.",
    ],
)
def test_numbers_that_are_no_casualties(nlp, text: str) -> None:
    assert counts(nlp, text) == []


def test_listed_victims_are_summed(nlp) -> None:
    def read(text: str) -> list[tuple[str, int]]:
        return [(c.kind, c.value) for c in casualty_counts(nlp(text)[:], load_lexicon())]

    assert read("The mine killed a shepherd and five other villagers.") == [("killed", 6)]
    assert read("The grenade wounded two nurses and a porter.") == [("injured", 3)]
    assert read("Snipers shot dead a local councillor near the bridge.") == [("killed", 1)]
    assert read("The raid killed several guards and a cook.") == []
    assert read("The shelling caused head injuries to 31 shoppers.") == [("injured", 31)]
    assert read("Three truck bombs killed more than 90 people.") == [("killed", 90)]
    assert read("Two bystanders died in the crossfire.") == [("killed", 2)]
    assert read("Two firefighters were among the 17 people taken to hospital.") == [("injured", 17)]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Thirty seven soldiers were killed in a blast on the highway on Thursday.", 37),
        ("Twenty-nine people were killed when twin bombs struck the city centre.", 29),
        ("A family of nine was killed by a drone strike on Sunday.", 9),
        ("Twenty people were killed and seven others injured in the blast.", 20),
    ],
)
def test_a_toll_written_in_words_counts_its_tens_and_units(nlp, text: str, killed: int) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert attack.killed == killed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said a total of 31 pilgrims were wounded in the ambush.", [("injured", 31, False)]),
        ("The blast killed a group of eleven farmers in Tala.", [("killed", 11, False)]),
        ("The blast killed a farmer in Tala.", [("killed", 1, False)]),
    ],
)
def test_a_quantity_noun_counts_its_numbered_members(nlp, text: str, expected) -> None:
    assert counts(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Three soldiers were wounded in what officials called one of the bloodiest raids of the year.",
            [("injured", 3, False)],
        ),
        ("It was one of the worst bombings the city had seen, and many were hurt.", []),
        ("The raid killed one of the commanders in Tala.", [("killed", 1, False)]),
    ],
)
def test_one_of_a_superlatives_set_ranks_and_counts_nobody(nlp, text: str, expected) -> None:
    assert counts(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Crowds mourned the assassination of a district governor in the north.", [("killed", 1)]),
        ("Police opened an inquiry into the killing of reporter Mary Smith.", [("killed", 1)]),
        ("A border guard died when the post came under fire.", [("killed", 1)]),
        ("Tom Baker was shot twice outside a bar and died in the ambulance.", [("killed", 1)]),
        ("The rebels said he died in the shelling of the camp.", [("killed", 1)]),
        ("A taxi driver was hacked to death by the mob.", [("killed", 1)]),
    ],
)
def test_one_victim_of_a_killing(nlp, text: str, expected: list[tuple[str, int]]) -> None:
    assert [(kind, value) for kind, value, _ in counts(nlp, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Crowds mourned the assassination of district governors in the north.",  # how many is not said
        "The wounded driver was taken to hospital after the ambush.",  # hospital is no end like death
        "It died down after the shelling of the camp.",  # not a person
        "Border guards died when the post came under fire.",
    ],
)
def test_no_count_where_the_victims_are_not_counted(nlp, text: str) -> None:
    assert counts(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seven guards died in the raid on the depot.", [("killed", 7)]),  # one raid: its toll
        ("Two explosions ripped through the depot, wounding 14 workers.", [("injured", 14)]),
        ("The 2015 bombing killed 30 people at the depot.", [("killed", 30)]),  # a year counts no raids
        ("Rockets hit the depot, one of four deadly raids, and nine people died.", [("killed", 9)]),
    ],
)
def test_numbers_of_attacks_are_no_tolls(nlp, text: str, expected: list[tuple[str, int]]) -> None:
    assert [(kind, value) for kind, value, _ in counts(nlp, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nine people died and 30 were hurt in three separate raids on villages near the depot.",
        "Two ambushes on the convoy killed 17 soldiers.",
        "Officials said 12 people were wounded in two bombings, at a depot and a bus stop.",
    ],
)
def test_a_toll_of_several_attacks_together_is_dropped(nlp, text: str) -> None:
    assert counts(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A shell struck the market in Varn, killing three traders and wounding 14 shoppers.", 3, 14),
        ("A grenade went off near a checkpoint in Varn, injuring at least seven guards.", None, 7),
        ("Militiamen raided the village of Varn at dawn, killing eight farmers.", 8, None),
    ],
)
def test_a_participle_of_killing_gives_its_counts_to_the_attack_it_hangs_from(
    nlp, text: str, killed: int | None, injured: int | None
) -> None:
    attacks = of_type(events(nlp, text), "Attack")
    assert [(a.killed, a.injured) for a in attacks] == [(killed, injured)]
    facts = [f for a in attacks for f in a.facts if f.role in {"killed", "injured"}]
    assert {f.support.rule for f in facts} == {"count.deed_adjunct"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eleven miners lost their lives when the depot near Tala was bombed.", [("killed", 11, False)]),
        ("At least 30 villagers lost their lives after gunmen raided Tala.", [("killed", 30, True)]),
        ("Fourteen porters sacrificed their lives in the blast that hit Tala.", [("killed", 14, False)]),
    ],
)
def test_the_subject_of_losing_lives_is_the_victim(nlp, text: str, expected) -> None:
    assert counts(nlp, text) == expected
    doc = nlp(text)
    assert {c.rule for c in casualty_counts(doc[:], load_lexicon())} == {"count.lost_lives"}


@pytest.mark.parametrize(
    "text",
    [
        "The rebels lost 12 fighters in the battle for Tala.",  # the object is no word of death
        "Eleven miners in Tala lost their homes when the depot was bombed.",
    ],
)
def test_losing_something_else_counts_no_victims(nlp, text: str) -> None:
    doc = nlp(text)
    assert all(c.rule != "count.lost_lives" for c in casualty_counts(doc[:], load_lexicon()))


def _rules(nlp, text: str) -> dict[str, int]:
    doc = nlp(text)
    return {c.rule: c.value for s in doc.sents for c in casualty_counts(s, load_lexicon())}


@pytest.mark.parametrize(
    "text",
    [
        "The ferry captain Rosa Ilic was shot in the shoulder near the Varn jetty on Sunday.",
        "Two masked men stabbed a ticket clerk at the Varn depot.",
        "The envoy's spouse, Mira Holt, was shot too and flown to a clinic in Varn.",
    ],
)
def test_a_victim_wounded_by_a_weapon_and_not_told_dead_is_one_injured(nlp, text: str) -> None:
    assert _rules(nlp, text) == {"count.wounding_survived": 1}


@pytest.mark.parametrize(
    "text",
    [
        "A patrol boat was shot at off the Varn coast on Sunday.",  # aimed at, nobody hit
        "A patrol boat was shot at last Sunday off the Varn coast.",  # the date parsed as the object of "at"
        "Raiders shot the Varn ferry terminal with automatic rifles.",  # a building hit
        "The trader was shot dead in the Varn bazaar.",  # a death, counted killed
        "The clerk was stabbed as he locked the Varn depot and died on the way to a clinic.",
    ],
)
def test_no_injured_where_none_was_wounded_or_the_victim_died(nlp, text: str) -> None:
    assert "count.wounding_survived" not in _rules(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Rosa Ilic was shot near the Varn jetty on Sunday. Ilic died in hospital on Tuesday.",
        "The killing of ferry captain Rosa Ilic stunned Varn. Ilic was shot near the jetty on Sunday.",
        "Gunmen shot Rosa Ilic near the Varn jetty. Ilic's death was announced by the port.",
        "Rosa Ilic was stabbed near the Varn jetty on Sunday. Ilic, who ran the ferry, succumbed on Monday.",
        "Two youths stabbed a fisherman near the Varn jetty. The fisherman who was attacked died that night.",
    ],
)
def test_a_named_victim_told_dead_elsewhere_in_the_article_is_no_injured(nlp, text: str) -> None:
    attack = of_type(events(nlp, text), "Attack")[0]
    assert attack.injured is None


def test_a_kin_of_the_dead_sharing_the_family_name_stays_injured(nlp) -> None:
    text = (
        "Gunmen killed Paul Holt, an envoy, in Varn on Sunday. Mira Holt, the envoy's spouse, took a bullet "
        "too: she was shot in the arm. The murder of Holt drew protests."
    )
    attack = of_type(events(nlp, text), "Attack")[0]
    assert attack.injured == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The courier was knifed in Varn and took five stab wounds to the back.", []),
        ("A gunman shot a clerk seven times outside the Varn post office.", [("injured", 1, False)]),
        ("The guard had multiple bullet wounds, two in the chest, after the Varn raid.", []),
        ("Raiders with 9mm pistols wounded four guards at the Varn depot.", [("injured", 4, False)]),
        ("Eight rounds hit the bus in Varn and three passengers were injured.", [("injured", 3, False)]),
    ],
)
def test_strokes_and_calibres_count_no_victims(nlp, text: str, expected) -> None:
    assert counts(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A porter incurred bad injuries when a mortar landed on the Varn depot.", [("injured", 1, False)]),
        ("A clerk is in a Varn clinic after receiving knife wounds in the raid.", [("injured", 1, False)]),
        ("The porters suffered no injuries when a mortar landed on the Varn depot.", []),
        ("The Varn traders suffered heavy losses when the market was shelled.", []),
    ],
)
def test_the_subject_of_suffering_injuries_is_one_injured(nlp, text: str, expected) -> None:
    assert counts(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The cashier was stabbed by two youths near the Varn station.", []),
        ("A ranger near Varn was gunned down by one of the poachers.", []),
        ("Four rangers near Varn were killed by poachers.", [("killed", 4, False)]),
        ("The cashier was stabbed by youths at Varn and two friends were hurt.", [("injured", 2, False)]),
    ],
)
def test_a_number_among_the_doers_of_a_passive_verb_counts_no_victims(nlp, text: str, expected) -> None:
    assert counts(nlp, text) == expected
