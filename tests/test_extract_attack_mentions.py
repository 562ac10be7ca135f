"""Which attack mentions are one attack: separate, later and avenged attacks kept apart, repeated words of
one attack merged, and what a reaction naming a later attack is about."""

from __future__ import annotations

import pytest
from extract_helpers import (
    events,
    labels,
    of_type,
    only,
)


def test_a_yardstick_attack_keeps_its_own_arguments(nlp) -> None:
    text = (
        "Gunmen killed nine guests at a hotel in Kandahar. It was the deadliest attack in the country "
        "since the Varn massacre, where a gunman killed 51 worshippers."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert len(attacks) == 2
    main = next(a for a in attacks if a.trigger == "killed")
    assert "51 worshippers" not in labels(main, "target")


def test_a_separate_attack_keeps_its_agent_apart(nlp) -> None:
    text = (
        "A bomb killed nine people at a market in Kandahar on Friday. "
        "In a separate attack, Velmar gunmen shot two police officers."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert len(attacks) == 2
    main = next(a for a in attacks if a.trigger == "killed")
    assert not labels(main, "agent")


def test_an_attack_days_later_is_a_new_attack(nlp) -> None:
    text = (
        "Gunmen attacked a checkpoint in Kano on Friday, killing four soldiers. "
        "Two days later, a roadside bomb killed three policemen in Kano."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert sorted(a.killed for a in attacks) == [3, 4]


def test_another_attack_is_a_new_attack(nlp) -> None:
    text = (
        "A suicide bomber killed 12 shoppers at a market in Kabul on Thursday. "
        "Another attack killed five soldiers in Kabul."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert sorted(a.killed for a in attacks) == [5, 12]


def test_a_new_attack_is_kept_apart(nlp) -> None:
    text = (
        "Raiders torched forty huts in the hill village of Dorrumbe on Saturday, killing 30 farmers. "
        "Eleven herders were killed in a new raid on a cattle camp near the river, a mayor said."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert sorted(a.killed for a in attacks) == [11, 30]


def test_the_new_attack_is_the_one_just_told(nlp) -> None:
    text = (
        "Gunmen killed five police officers at a checkpoint in Tala on Monday. The new attack was the third "
        "in the province this month, a police spokesman said, and ten officers were wounded in it."
    )
    attack = only(events(nlp, text), "Attack")
    assert (attack.killed, attack.injured) == (5, 10)  # the wounded of "it" are the main attack's


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
        "A suicide bomber killed 12 shoppers at a market in Kabul on Thursday. The government condemned the "
        "attack. On Sunday, gunmen stormed a school in Kano, killing five pupils. The Velmar Front claimed "
        "the raid."
    )
    found = events(nlp, text)
    (claim,) = of_type(found, "ClaimResponsibility")
    (raid,) = [a for a in of_type(found, "Attack") if a.killed == 5]
    (bombing,) = [a for a in of_type(found, "Attack") if a.killed == 12]
    assert claim.about == raid.key
    assert "Velmar Front" not in labels(bombing, "agent")


def test_police_firing_and_a_mob_burning_are_two_attacks(nlp) -> None:
    text = (
        "Police fired live rounds at demonstrators in Marrowby on Tuesday. "
        "In Tesk, a mob of young men set fire to a police post."
    )
    agents = [labels(e, "agent") for e in of_type(events(nlp, text), "Attack")]
    assert len(agents) == 2
    assert {"Police"} in agents or {"police"} in agents


def test_the_attack_avenged_is_another_attack(nlp) -> None:
    text = "In May 2029, Ferland fired missiles at a base in Tesk in retaliation for the killing of Al Vane."
    attacks = {frozenset(labels(e, "target")) for e in of_type(events(nlp, text), "Attack")}
    assert frozenset({"Al Vane"}) in attacks
    assert len(attacks) == 2


def test_an_unknown_base_does_not_split_the_attack_from_its_claim(nlp) -> None:
    text = (
        "Rockets slammed into the Qarvo air base in Ghana on Monday. "
        "The Zurvan Brigade said it had targeted the Qarvo base with a salvo of rockets."
    )
    attack = only(events(nlp, text), "Attack")
    assert labels(attack, "agent") == {"Zurvan Brigade"}


def test_the_killing_avenged_stays_apart_from_the_retaliation(nlp) -> None:
    text = (
        "A bombing killed 9 people in Marrowby on Friday. "
        "In May 2029, Ghana fired missiles at the Qarvo base in retaliation for the killing of Al Vane, "
        "causing injuries to 40 troops."
    )
    targets = [labels(e, "target") for e in of_type(events(nlp, text), "Attack")]
    assert {"Al Vane"} in targets
    assert not any("Al Vane" in t and len(t) > 1 for t in targets)


def test_a_series_over_a_span_of_time_is_not_the_attack_told(nlp) -> None:
    text = (
        "A roadside bomb killed six soldiers near Garo on Tuesday. "
        "Separatist fighters have killed more than 300 police officers over the past two years."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert len(attacks) == 2
    main = next(a for a in attacks if a.killed == 6)
    assert "Separatist fighters" not in labels(main, "agent")
    series = next(a for a in attacks if a is not main)
    assert series.killed == 300 and labels(series, "agent") == {"Separatist fighters"}


def test_a_series_told_as_the_subject_stays_apart_though_it_shares_the_place(nlp) -> None:
    text = (
        "Gunmen stormed a church in Dara on Sunday, killing eleven worshippers. "
        "Raids on churches in Dara have killed 200 people in recent months."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert sorted(a.killed or 0 for a in attacks) == [11, 200]


def test_the_attack_ranked_against_a_span_is_the_attack_told(nlp) -> None:
    text = (
        "A suicide bomber killed 40 shoppers at a market in Tala on Friday. "
        "It was the deadliest attack in the past decade."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert len(attacks) == 1 and attacks[0].killed == 40


def test_what_the_attack_came_after_is_another_attack(nlp) -> None:
    text = (
        "Gunmen shot dead four people at a cafe in Tala on Monday. "
        "The shooting came after a bombing at a bus depot in Garo that killed nine."
    )
    attacks = of_type(events(nlp, text), "Attack")
    main = next(a for a in attacks if a.trigger == "shot")
    assert len(attacks) == 2 and main.killed != 9


def test_an_attack_listed_in_a_background_set_is_its_own_attack(nlp) -> None:
    text = (
        "Gunmen shot dead four people at a cafe in Tala on Monday. "
        "The shooting came after several raids in the north, including an assault on a church in Garo."
    )
    attacks = of_type(events(nlp, text), "Attack")
    main = next(a for a in attacks if a.trigger == "shot")
    assert "church" not in labels(main, "target")
    assert any("church" in labels(a, "target") for a in attacks if a is not main)


def test_a_set_the_parser_hung_on_the_verb_still_marks_its_members(nlp) -> None:
    text = (
        "A car bomb hit a police post in Dara on Friday. "
        "Rebels were blamed for earlier violence, including a raid on a depot in Dara."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert len(attacks) == 2
    main = next(a for a in attacks if "police post" in labels(a, "target"))
    assert "depot" not in labels(main, "target")


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("Gunmen shot dead a judge in Garo on Monday. The gang had kidnapped two lawyers in the town before.",
         "two lawyers"),
        (
            "Gunmen shot dead a judge in Garo on Monday. Two of his clerks have been kidnapped by gangs"
            " in the past.",
            "clerks",
        ),
    ],
)
def test_an_attack_told_as_before_now_is_another_attack(nlp, text: str, earlier: str) -> None:
    attacks = of_type(events(nlp, text), "Attack")
    assert len(attacks) == 2
    main, other = attacks
    assert labels(main, "target") == {"judge"}
    assert earlier in labels(other, "target")


def test_an_attack_earlier_today_is_the_attack_told(nlp) -> None:
    text = "Gunmen shot dead a judge in Garo earlier today. The judge was kidnapped."
    attacks = of_type(events(nlp, text), "Attack")
    assert len(attacks) == 1


@pytest.mark.parametrize(
    ("text", "campaign"),
    [
        (
            "Rebels shelled a market in Tala on Monday, wounding nine traders. "
            "The rebels have bombed clinics and schools across the valley.",
            "bombed",
        ),
        (
            "A suicide bomber struck a mosque in Garo on Friday. "
            "The insurgency has killed thousands of villagers in the province.",
            "killed",
        ),
    ],
)
def test_a_campaign_in_the_present_perfect_is_another_attack(nlp, text: str, campaign: str) -> None:
    attacks = of_type(events(nlp, text), "Attack")
    assert len(attacks) == 2
    main, series = attacks
    assert series.trigger == campaign
    assert not labels(main, "target") & labels(series, "target")


def test_a_counted_victim_in_the_present_perfect_is_the_attack_told(nlp) -> None:
    text = "A car bomb has killed nine soldiers at a checkpoint in Tala, officials said."
    attack = only(events(nlp, text), "Attack")
    assert attack.killed == 9
    text = "Gunmen shot dead a judge in Garo on Monday. The gunmen have attacked the courthouse."
    assert len(of_type(events(nlp, text), "Attack")) == 1


@pytest.mark.parametrize(
    ("text", "ongoing"),
    [
        (
            "A roadside bomb killed six soldiers near Tala on Friday. "
            "Rebel fighters are still shelling villages along the northern road.",
            "shelling",
        ),
        (
            "Gunmen stormed a police post in Garo on Monday. "
            "Bandits have been raiding farms in the district.",
            "raiding",
        ),
    ],
)
def test_an_attack_going_on_up_to_now_is_another_attack(nlp, text: str, ongoing: str) -> None:
    attacks = of_type(events(nlp, text), "Attack")
    assert len(attacks) == 2
    main, series = attacks
    assert series.trigger == ongoing
    assert not labels(main, "agent") & labels(series, "agent")
    assert not labels(main, "target") & labels(series, "target")


def test_an_attack_told_in_the_past_progressive_is_the_attack_told(nlp) -> None:
    text = "Rebels ambushed a convoy near Dara on Sunday. The rebels were firing at the trucks from above."
    assert len(of_type(events(nlp, text), "Attack")) == 1
    text = "Rebels ambushed a convoy near Dara on Sunday. Officials are condemning the ambush."
    assert len(of_type(events(nlp, text), "Attack")) == 1
