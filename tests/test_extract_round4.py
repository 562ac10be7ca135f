"""Round 4 of argument fixes: protest crowds named by any plural noun, places in prepositional phrases,
reactions pointing at the attack they name, and later attacks kept apart from the main one."""

from __future__ import annotations

from extract_helpers import PUBLISHED, events, labels, of_type

from kg.extract import extract_doc
from kg.model import Article


def test_a_plural_noun_staging_a_protest_is_its_agent(nlp) -> None:
    found = events(nlp, "Teachers staged a protest outside the ministry in Dovrin on Monday.")
    (protest,) = of_type(found, "Protest")
    assert labels(protest, "agent") == {"Teachers"}


def test_a_plural_noun_marching_is_the_protest_agent(nlp) -> None:
    (protest,) = of_type(events(nlp, "Farmers marched on the capital of Velmaria on Tuesday."), "Protest")
    assert labels(protest, "agent") == {"Farmers"}
    assert protest.role("agent")[0].kind == "Group"



def test_a_blast_on_the_outskirts_of_a_town_is_in_that_town(nlp) -> None:
    found = events(nlp, "A bomb exploded on the outskirts of Kano, killing two people.")
    (attack,) = of_type(found, "Attack")
    assert labels(attack, "location") == {"Kano"}
    assert "outskirts" not in labels(attack, "target")


def test_a_town_owning_the_struck_market_is_the_attack_place(nlp) -> None:
    found = events(nlp, "A suicide bomber struck Kabul's central market, killing 9 people.")
    (attack,) = of_type(found, "Attack")
    assert labels(attack, "location") == {"Kabul"}


def test_a_peoples_adjective_on_a_struck_village_gives_the_country(nlp) -> None:
    (attack,) = of_type(events(nlp, "Gunmen raided a Nigerian village, killing 12 people."), "Attack")
    assert labels(attack, "location") == {"Nigeria"}


def test_a_country_owning_a_struck_building_is_no_place(nlp) -> None:
    found = events(nlp, "Rebels shelled Ukraine's parliament in Kyiv on Monday, wounding 3 guards.")
    (attack,) = of_type(found, "Attack")
    assert labels(attack, "location") == {"Kyiv"}


def test_a_peoples_capital_is_the_capital_city(nlp) -> None:
    found = events(nlp, "A car bomb exploded in the Somali capital on Tuesday, killing five people.")
    (attack,) = of_type(found, "Attack")
    assert labels(attack, "location") == {"Mogadishu"}


def test_an_ambush_between_two_towns_is_at_both(nlp) -> None:
    found = events(nlp, "Gunmen ambushed a convoy between Kano and Kaduna, killing 4 soldiers.")
    (attack,) = of_type(found, "Attack")
    assert labels(attack, "location") == {"Kano", "Kaduna"}


def test_an_unlisted_province_is_more_specific_than_its_country(nlp) -> None:
    text = (
        "Velmar Front rebels claimed a strike in Yemen's al-Qarnawi province. "
        "A drone strike on a truck in central Yemen's al-Qarnawi province killed nine people on Monday."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert {"al-Qarnawi"} in [labels(a, "location") for a in attacks]
    assert all("Yemen" not in labels(a, "location") for a in attacks)


def test_an_attack_days_later_is_a_new_attack(nlp) -> None:
    text = (
        "Gunmen attacked a checkpoint in Kano on Friday, killing four soldiers. "
        "Two days later, a roadside bomb killed three policemen in Kano."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert sorted(a.killed for a in attacks) == [3, 4]


def test_another_attack_is_a_new_attack(nlp) -> None:
    text = (
        "A suicide bomber killed 12 people at a market in Kabul on Thursday. "
        "Another attack killed five soldiers in Kabul."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert sorted(a.killed for a in attacks) == [5, 12]


def test_a_second_blast_minutes_later_stays_the_same_attack(nlp) -> None:
    text = (
        "A bomb exploded at a market in Kabul on Thursday, killing 12 people. "
        "Minutes later, a second bomb exploded at the market."
    )
    assert len(of_type(events(nlp, text), "Attack")) == 1


def test_a_denial_of_a_named_later_attack_is_about_that_attack(nlp) -> None:
    text = (
        "A car bomb killed 12 people in Kabul on Thursday. In a separate attack, a drone strike killed "
        "3 fighters in Kano. The Velmar Front denied any role in the drone strike."
    )
    found = events(nlp, text)
    (denial,) = of_type(found, "Deny")
    (strike,) = [a for a in of_type(found, "Attack") if a.killed == 3]
    assert denial.about == strike.key


def test_a_charge_of_carrying_out_a_named_later_attack_is_about_it(nlp) -> None:
    text = (
        "A car bomb killed 12 people in Kabul on Thursday. In a separate attack, a drone strike killed "
        "3 fighters in Kano. The minister accused the Velmar Front of carrying out the drone strike."
    )
    found = events(nlp, text)
    (charge,) = of_type(found, "Accuse")
    (strike,) = [a for a in of_type(found, "Attack") if a.killed == 3]
    assert charge.about == strike.key


def test_a_claim_of_the_raid_is_about_the_later_raid_not_the_main_bombing(nlp) -> None:
    text = (
        "A suicide bomber killed 12 people at a market in Kabul on Thursday. The government condemned the "
        "attack. On Sunday, gunmen stormed a school in Kano, killing five pupils. The Velmar Front claimed "
        "the raid."
    )
    found = events(nlp, text)
    (claim,) = of_type(found, "ClaimResponsibility")
    (raid,) = [a for a in of_type(found, "Attack") if a.killed == 5]
    (bombing,) = [a for a in of_type(found, "Attack") if a.killed == 12]
    assert claim.about == raid.key
    assert "Velmar Front" not in labels(bombing, "agent")


def test_the_headline_place_locates_an_unplaced_main_attack(nlp) -> None:
    text = "Gunmen killed 14 worshippers at a church on Sunday, police said."
    article = Article("t", "Gunmen kill 14 worshippers in Kano church attack", text, PUBLISHED)
    (attack,) = of_type(list(extract_doc(nlp(text), article).events), "Attack")
    assert labels(attack, "location") == {"Kano"}


def test_a_headline_without_a_place_adds_none(nlp) -> None:
    text = "Gunmen killed 14 worshippers at a church on Sunday, police said."
    article = Article("t", "Gunmen kill 14 worshippers In Church Attack", text, PUBLISHED)
    (attack,) = of_type(list(extract_doc(nlp(text), article).events), "Attack")
    assert not labels(attack, "location")


def test_a_vigil_at_the_struck_school_is_where_the_attack_was(nlp) -> None:
    text = (
        "Gunmen stormed a school in Kano on Monday, killing 6 pupils. "
        "On Tuesday, hundreds of parents held a vigil outside the school."
    )
    (vigil,) = of_type(events(nlp, text), "Protest")
    assert labels(vigil, "location") == {"Kano"}
