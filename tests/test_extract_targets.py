"""What an attack hit: victims and things struck, also when told as where it happened (targets.py)."""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import events, labels, of_type

from kg.extract import extract_doc
from kg.extract.lexicon import load_lexicon
from kg.extract.refs import reference
from kg.extract.targets import stand_ins
from kg.model import Article


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        ("At least 30 commuters were killed when a bomb ripped through a crowded bus station.", "station"),
        ("A parked car blew up in a busy market on Monday, killing 12 people.", "market"),
        ("A blast that occurred at a bus terminal killed nine people.", "terminal"),
        ("Nine guests died in the assault at the Grand Horizon hotel.", "hotel"),
    ],
)
def test_a_building_or_venue_where_an_attack_happened_is_its_target(nlp, text: str, venue: str) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert any(venue in label for label in labels(attack, "target"))


@pytest.mark.parametrize(
    "text",
    [
        "A bomb exploded in a park near the river, killing two people.",  # open ground says only where
        "Gunmen killed two people outside a hotel on Monday.",  # outside it, the hotel was not hit
        "The gunmen were not at the hotel when police arrived.",
    ],
)
def test_open_ground_or_a_building_nearby_is_no_target(nlp, text: str) -> None:
    for attack in of_type(events(nlp, text), "Attack"):
        assert not any("park" in t or "hotel" in t for t in labels(attack, "target"))


def test_a_named_place_in_the_struck_venue_is_still_the_place(nlp) -> None:
    text = "Some 80 traders died on Monday when a truck bomb blew up in a crowded market in Dovrin."
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "target") == {"crowded market", "Some 80 traders"}  # the dead: counted_victims
    assert labels(attack, "location") == {"Dovrin"}


@pytest.mark.parametrize(
    "text",
    [
        "Six porters were among those slain by the bombs, whereas a further 18 were hurt.",
        "Six porters were among the dead after the explosions, and some 18 were wounded.",
    ],
)
def test_the_victims_of_a_passive_casualty_verb_are_not_its_agents(nlp, text: str) -> None:
    for attack in of_type(events(nlp, text), "Attack"):
        assert not any("porters" in a.lower() for a in labels(attack, "agent"))


@pytest.mark.parametrize(
    ("text", "kind", "practice"),
    [
        ("The governor vowed to stamp out piracy along the coast after the hijacking.", "Threaten", "piracy"),
        ("The prime minister vowed that the state would fight extremism.", "Threaten", "extremism"),
        ("Thousands rallied against antisemitism in Velm on Sunday.", "Protest", "antisemitism"),
    ],
)
def test_a_practice_of_violence_is_what_a_reaction_is_against(
    nlp, text: str, kind: str, practice: str
) -> None:
    (reaction,) = of_type(events(nlp, text), kind)
    assert practice in labels(reaction, "target")
    assert {e.kind for e in reaction.role("target")} == {"Group"}


def test_other_abstract_nouns_are_no_reaction_targets(nlp) -> None:
    found = events(nlp, "The governor vowed to stamp out corruption in the province.")
    (threat,) = of_type(found, "Threaten")
    assert not threat.role("target")


def test_a_threat_to_crack_down_on_someone_targets_them(nlp) -> None:
    found = events(nlp, "The minister vowed to crack down on the Velmar Front after the ambush in Tala.")
    (threat,) = of_type(found, "Threaten")
    assert labels(threat, "target") == {"Velmar Front"}


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("The militia claimed the raid in which a fighter drove a lorry into an army convoy.", "army convoy"),
        ("Seven were killed after a man steered his car into a procession in Lahore.", "procession"),
        ("The group claimed the attack in which a truck drove over cyclists in Utrecht.", "cyclists"),
        ("Eleven soldiers were killed when a blast ripped through their barracks in Mali.", "barracks"),
    ],
)
def test_a_clause_telling_how_the_attack_was_done_names_what_it_hit(nlp, text: str, hit: str) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert any(hit in label for label in labels(attack, "target")), labels(attack, "target")


@pytest.mark.parametrize(
    ("text", "not_hit"),
    [
        ("Two soldiers were killed when their truck drove over a landmine near Gao.", "landmine"),  # a weapon
        ("A quadcopter struck the tanker as it rolled across a bridge.", "bridge"),  # what the victim did
        ("Eleven soldiers were killed in Mali while they were driving into their barracks.", "barracks"),
        ("The group claimed the attack, which drew crowds into the streets of Utrecht.", "streets"),
    ],
)
def test_a_clause_of_circumstance_names_no_target(nlp, text: str, not_hit: str) -> None:
    for attack in of_type(events(nlp, text), "Attack"):
        assert not any(not_hit in label for label in labels(attack, "target")), labels(attack, "target")


@pytest.mark.parametrize(
    "text",
    [
        "The insurgency has killed hundreds in Mindanao since 2017.",
        "Air raids killed scores across the province last month.",
        "The war has killed thousands in the north.",
    ],
)
def test_a_bare_count_is_no_target(nlp, text: str) -> None:
    for attack in of_type(events(nlp, text), "Attack"):
        assert not labels(attack, "target") & {"hundreds", "scores", "thousands"}, labels(attack, "target")


def test_a_count_of_people_named_still_gives_them(nlp) -> None:
    text = "The insurgency has killed hundreds of farmers in Mindanao since 2017."
    targets = {t for attack in of_type(events(nlp, text), "Attack") for t in labels(attack, "target")}
    assert any("farmers" in t for t in targets), targets


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Militants attacked a Christmas market in Tala, killing four.", "Christmas market"),
        ("Gunmen shot dead a 15-year-old shepherd near Gao.", "15-year-old shepherd"),
        ("A bomber struck the Mar Yohanna chapel in Mosul on Sunday.", "Mar Yohanna chapel"),
    ],
)
def test_a_date_describing_the_thing_hit_leaves_it_a_target(nlp, text: str, target: str) -> None:
    """Only a phrase whose head is a date or a time is no target: a holiday, an age or a month's
    abbreviation ("Mar") before the noun only describes it."""
    (attack,) = of_type(events(nlp, text), "Attack")
    assert target in labels(attack, "target")


@pytest.mark.parametrize(
    "text",
    ["Gunmen attacked on Palm Sunday in Kaduna, killing six.", "Militants struck on Easter Monday in Jos."],
)
def test_a_day_is_no_target(nlp, text: str) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert not labels(attack, "target")


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("Insurgents staged a raid on Mozambique that killed twelve villagers near Palma.", "villagers"),
        ("Jihadists mounted an assault on Mali last week, killing four gendarmes in Douentza.", "gendarmes"),
    ],
)
def test_a_whole_country_is_no_target_of_an_attack(nlp, text: str, hit: str) -> None:
    """The country is where the attack happened; what it hit are the people and places in it."""
    (attack,) = of_type(events(nlp, text), "Attack")
    targets = labels(attack, "target")
    assert any(hit in label for label in targets)
    assert not {"Mozambique", "Mali"} & set(targets)


def test_a_town_attacked_stays_a_target(nlp) -> None:
    text = "Insurgents staged a raid on Palma that killed twelve villagers."
    (attack,) = of_type(events(nlp, text), "Attack")
    assert "Palma" in labels(attack, "target")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Rebels shelled a column of refugees on the road to Gao.", "column of refugees"),
        ("A drone struck a family of seven near the border post.", "family of seven"),
        ("The militia bombed storehouses of grain outside Tala on Sunday.", "storehouses of grain"),
    ],
)
def test_a_description_runs_through_its_of_complement(nlp, text: str, target: str) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert target in labels(attack, "target")


def test_an_of_complement_with_a_possessor_of_its_own_stays_out(nlp) -> None:
    text = "Gunmen stormed the clinic of Tala's eastern quarter on Sunday."
    (attack,) = of_type(events(nlp, text), "Attack")
    assert "clinic" in labels(attack, "target")


def test_the_head_of_an_of_complement_phrase_stays_its_first_noun(nlp) -> None:
    doc = nlp("Soldiers of the garrison fired on the crowd.")
    ref = reference(doc[0], load_lexicon())
    assert ref is not None and ref.text == "Soldiers of the garrison"
    assert ref.head == 0



def _headlined_attack(nlp, title: str, text: str):
    full = f"{title}\n\n{text}"
    found = extract_doc(nlp(full), Article("h", title, full, date(2031, 3, 12))).events
    (attack,) = of_type(list(found), "Attack")
    return attack


def test_a_description_holding_the_name_of_another_agent_gives_way_to_the_name(nlp) -> None:
    attack = _headlined_attack(
        nlp,
        "Ruvu Brigade raid on barracks leaves four dead",
        "On Friday, suspected Ruvu Brigade fighters raided a barracks outside Bunia, killing four recruits.",
    )
    assert labels(attack, "agent") == {"Ruvu Brigade"}


def test_a_name_inside_a_longer_name_gives_way_to_the_longer(nlp) -> None:
    attack = _headlined_attack(
        nlp,
        "Ruvu Brigade bombing hits clinic in Bunia",
        "The northern wing of the Ruvu Brigade bombed a clinic in Bunia on Friday, killing three nurses.",
    )
    assert labels(attack, "agent") == {"northern wing of the Ruvu Brigade"}


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("Rebels shelled the border town overnight, wounding six farmers.", {"six farmers"}),
        ("Drones struck Velmari territory on Sunday, killing four herders.", {"four herders"}),
        ("Militants attacked the provincial capital on Friday, killing two guards.", {"two guards"}),
    ],
)
def test_a_town_region_or_country_an_attack_hit_is_where_not_what(nlp, text: str, hit: set[str]) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "target") == hit


def test_the_country_an_accusation_names_stays_its_target(nlp) -> None:
    text = "The ministry blamed Velmar for the shelling of the border post on Sunday."
    (accuse,) = of_type(events(nlp, text), "Accuse")
    assert "Velmar" in labels(accuse, "target")


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("Rebels staged an ambush near Tala that left four soldiers dead on Monday.", "four soldiers"),
        ("A mortar raid on the depot took the lives of nine farmers last week.", "nine farmers"),
    ],
)
def test_the_dead_an_attacks_toll_counts_are_its_targets(nlp, text: str, victims: str) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert victims in labels(attack, "target")
    assert {f.support.rule for f in attack.facts_for("target") if f.value == victims} == {
        "target.counted_victims"
    }


@pytest.mark.parametrize(
    "text",
    [
        "Rebels staged an ambush near Tala that left four people dead on Monday.",  # vacuous: no one named
        "Guards killed two attackers after the raid on the depot.",  # the doers, not what was hit
    ],
)
def test_a_vacuous_toll_or_the_doers_killed_are_no_counted_victims(nlp, text: str) -> None:
    for attack in of_type(events(nlp, text), "Attack"):
        assert not {f.support.rule for f in attack.facts_for("target")} & {"target.counted_victims"}


def test_a_vacuous_target_stands_in_for_its_owner_or_its_members(nlp) -> None:
    doc = nlp("Jets struck Velmar Front positions and killed 12 people including four soldiers.")
    lex = load_lexicon()
    positions = next(t for t in doc if t.lower_ == "positions")
    people = next(t for t in doc if t.lower_ == "people")
    refs = [reference(positions, lex), reference(people, lex)]
    stood = stand_ins(refs, doc, lex)
    assert [r.text for r in stood] == ["Velmar Front", "four soldiers"]
    assert [r.rule for r in stood] == ["target.vacuous_owner", "target.vacuous_members"]


def test_the_members_of_a_bare_count_are_its_victims(nlp) -> None:
    text = "A car bomb by a bank in Velm killed six guards and wounded 30 others, including three cooks."
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "target") == {"six guards", "three cooks"}


def test_a_bare_count_without_members_is_still_no_target(nlp) -> None:
    text = "A car bomb by a bank in Velm killed six guards and wounded 30 others."
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "target") == {"six guards"}
