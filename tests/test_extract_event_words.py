"""Event words beyond the stock verbs: claims told as speech, verdicts that condemn, threats and denials
without their verb, protest phrases (sit-ins, vigils, human chains, marches)."""

from __future__ import annotations

import pytest
from extract_helpers import (
    events,
    labels,
    of_type,
    only,
)


def test_a_sit_in_is_a_protest(nlp) -> None:
    found = events(nlp, "Opposition supporters staged a sit-in outside the education ministry in Dovrin.")
    protests = of_type(found, "Protest")
    assert [p.trigger for p in protests] == ["sit-in"]
    assert labels(protests[0], "agent") == {"Opposition supporters"}


def test_a_crime_that_will_not_go_unpunished_is_a_threat_by_the_speaker(nlp) -> None:
    text = 'Governor Lena Varo condemned the shooting and said the crime "will not go unpunished."'
    found = events(nlp, text)
    (threat,) = of_type(found, "Threaten")
    assert "Lena Varo" in labels(threat, "agent")


def test_attackers_who_will_not_be_spared_are_threatened(nlp) -> None:
    found = events(nlp, 'Interior Minister Tomas Reil said those responsible "will not be spared".')
    (threat,) = of_type(found, "Threaten")
    assert "Tomas Reil" in labels(threat, "agent")


def test_a_state_that_will_not_hesitate_to_act_threatens(nlp) -> None:
    text = 'Defence Minister Ana Kost said Velmaria "will not hesitate to act" against the rebels.'
    found = events(nlp, text)
    (threat,) = of_type(found, "Threaten")
    assert "Ana Kost" in labels(threat, "agent")


def test_a_crowd_gathering_for_a_march_protests(nlp) -> None:
    text = (
        "A bomb killed five people in Dovrin. "
        "Several thousand people gathered in the square on Sunday for a silent march."
    )
    (protest,) = of_type(events(nlp, text), "Protest")
    assert labels(protest, "agent") == {"Several thousand people"}


def test_a_protest_march_is_still_a_protest(nlp) -> None:
    (protest,) = of_type(events(nlp, "Students held a protest march in Dovrin on Monday."), "Protest")
    assert labels(protest, "agent") == {"Students"}


@pytest.mark.parametrize(
    "text",
    [
        "The Zurvan Brigade said in an online post that its fighters had ambushed the patrol.",
        "A group calling itself the Zurvan Brigade said one of its members had carried out the bombing.",
    ],
)
def test_a_group_telling_of_its_fighters_deed_claims_it(nlp, text: str) -> None:
    found = events(nlp, text)
    claim = only(found, "ClaimResponsibility")
    assert labels(claim, "agent") == {"Zurvan Brigade"}
    assert claim.about == only(found, "Attack").key


@pytest.mark.parametrize(
    "text",
    [
        'The Ferland Council called the shooting "a heinous crime".',
        "Ferland called it a cowardly act of terror.",
    ],
)
def test_calling_an_attack_a_crime_condemns_it(nlp, text: str) -> None:
    condemnation = only(events(nlp, "A shooting hit the Tesk market. " + text), "Condemn")
    assert labels(condemnation, "agent") & {"Ferland Council", "Ferland"}


def test_projectiles_slamming_into_a_place_attack_and_do_not_condemn(nlp) -> None:
    found = events(nlp, "Rockets slammed into a depot in Marrowby on Monday.")
    assert not of_type(found, "Condemn")
    assert labels(only(found, "Attack"), "location") == {"Marrowby"}


def test_slamming_an_attack_condemns_it(nlp) -> None:
    found = events(nlp, "A bombing hit the Tesk market. The Ferland Council slammed the bombing.")
    assert labels(only(found, "Condemn"), "agent") == {"Ferland Council"}


def test_launched_rockets_are_an_attack(nlp) -> None:
    found = events(nlp, "Two rockets were launched toward the town of Marrowby on Sunday.")
    assert only(found, "Attack").time == "2031-03-09"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen targeted a busy market in Marrowby on Sunday.",
        "A suicide bomber targeted the cattle market of Marrowby on Sunday.",
    ],
)
def test_a_market_targeted_is_attacked(nlp, text: str) -> None:
    """A market is a venue as much as any other: targeting one is an attack (it was once a word that
    made "target" no attack, for "targeting a market" in trade)."""
    assert any("market" in t for t in labels(only(events(nlp, text), "Attack"), "target"))


def test_targeting_a_goal_or_a_deal_is_no_attack(nlp) -> None:
    assert not of_type(
        events(nlp, "The ministry targeted a new trade deal with Marrowby on Sunday."), "Attack"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Those responsible will be hunted down, Mayor Tomas Hale said.",
        '"They will pay a heavy price," Mayor Tomas Hale said.',
        "Mayor Tomas Hale said Ferland reserves the right to respond.",
    ],
)
def test_threats_without_a_threat_verb(nlp, text: str) -> None:
    assert only(events(nlp, text), "Threaten")


@pytest.mark.parametrize(
    "text",
    [
        "A bomb hit a bus in Ferland. Mayor Tomas Hale said the bombers would be tracked down.",
        "A bomb hit a bus in Ferland. Mayor Tomas Hale promised the killers will be brought to justice.",
        "A bomb hit a bus in Ferland. Mayor Tomas Hale said that the gang shall be pursued to the border.",
    ],
)
def test_pursuing_the_doers_said_as_what_will_be_done_threatens(nlp, text: str) -> None:
    assert labels(only(events(nlp, text), "Threaten"), "agent") == {"Tomas Hale"}


@pytest.mark.parametrize(
    "text",
    [
        "A bomb hit a bus in Ferland. Troops pursued the bombers and arrested two of them.",
        "A bomb hit a bus in Ferland. Police tracked the bombers' phones for a week.",
    ],
)
def test_a_pursuit_told_as_done_threatens_nobody(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Threaten")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("A bomb hit a bus in Ferland. “We will intensify our campaign against the Tala Front,”"
         " Mayor Tomas Hale said.", {"Tala Front"}),
        ("A bomb hit a bus in Ferland. “Our offensive in the hills will resume,” Tomas Hale of the Tala"
         " Front wrote.", set()),
        ("A bomb hit a bus in Ferland. Mayor Tomas Hale said they would intensify their campaign against the"
         " Tala Front.", {"Tala Front"}),
    ],
)
def test_carrying_on_ones_own_fight_threatens_whom_it_is_against(nlp, text: str, target: set[str]) -> None:
    threat = only(events(nlp, text), "Threaten")
    assert labels(threat, "agent") == {"Tomas Hale"}
    assert labels(threat, "target") == target


@pytest.mark.parametrize(
    "text",
    [
        "A bomb hit a bus in Ferland. “We will resume the talks with the Tala Front,” Mayor Hale said.",
        "A bomb hit a bus in Ferland. The army continued its operations in the hills on Monday.",
        "A bomb hit a bus in Ferland. The war against the Tala Front continued for ten years.",
    ],
)
def test_carrying_on_something_else_or_now_threatens_nobody(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Threaten")


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Tomas Hale warned the guards of likely raids on the depot.",
        "The embassy warned travellers in Ferland about possible bombings at the airport.",
    ],
)
def test_warning_someone_of_a_coming_danger_alerts_and_threatens_nobody(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Threaten")


@pytest.mark.parametrize(
    "text",
    [
        "The Red Hand warned the mayor of Ferland of more attacks on the depot.",
        "The Red Hand warned that the depot in Ferland would be attacked again.",
    ],
)
def test_a_warning_of_what_the_warner_will_do_threatens(nlp, text: str) -> None:
    assert of_type(events(nlp, text), "Threaten")


@pytest.mark.parametrize(
    "text",
    [
        "The Zurvan Brigade dismissed the accusation as baseless.",
        "The Zurvan Brigade says it has nothing to do with that explosion.",
    ],
)
def test_denials_without_deny(nlp, text: str) -> None:
    assert labels(only(events(nlp, text), "Deny"), "agent") == {"Zurvan Brigade"}


def test_a_charge_someone_denies_is_both_accusation_and_denial(nlp) -> None:
    found = events(nlp, "Ghana has long accused the Zurvan Brigade of hiding weapons, a charge Togo denies.")
    assert labels(only(found, "Accuse"), "agent") == {"Ghana"}
    assert labels(only(found, "Deny"), "agent") == {"Togo"}


def test_this_is_the_work_of_accuses(nlp) -> None:
    accusation = only(
        events(nlp, '"This is the work of the Zurvan Brigade," Mayor Tomas Hale said.'), "Accuse"
    )
    assert labels(accusation, "agent") == {"Tomas Hale"}


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Hundreds of residents held a candlelight vigil in Marrowby.", "Hundreds of residents"),
        ("Thousands of people formed a human chain around the church.", "Thousands of people"),
    ],
)
def test_vigils_and_human_chains_are_protests(nlp, text: str, agent: str) -> None:
    assert labels(only(events(nlp, text), "Protest"), "agent") == {agent}


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of residents marched through Marrowby on Friday, denouncing the bombing.",
        "Hundreds of residents marched through Marrowby, waving flags and denouncing the bombing.",
    ],
)
def test_a_march_denouncing_is_a_protest_not_a_condemnation(nlp, text: str) -> None:
    found = events(nlp, text)
    assert not of_type(found, "Condemn")
    assert labels(only(found, "Protest"), "agent") == {"Hundreds of residents"}


def test_a_warning_that_one_will_respond_is_one_threat(nlp) -> None:
    text = "A bombing hit Tesk. Mayor Tomas Hale warned that the Coastal Front would respond in its own time."
    threat = only(events(nlp, text), "Threaten")
    assert labels(threat, "agent") == {"Tomas Hale"}


@pytest.mark.parametrize(
    ("text", "agent", "target"),
    [
        ("Gunmen hijacked a fuel tanker on the road to Tala on Sunday.", "Gunmen", "fuel tanker"),
        ("Warplanes bombarded a rebel camp near Garo on Sunday.", "Warplanes", "rebel camp"),
        ("A mob assaulted two election officials in Dara on Friday.", "mob", "two election officials"),
    ],
)
def test_verbs_of_the_attack_nouns_attack(nlp, text: str, agent: str, target: str) -> None:
    """The verb of an attack noun of the lexicon (hijacking, bombardment, assault, rampage) attacks too."""
    attack = only(events(nlp, text), "Attack")
    assert labels(attack, "agent") == {agent}
    assert labels(attack, "target") == {target}


@pytest.mark.parametrize(
    "text",
    [
        "The hijacking of a ferry off Lira left two crew members dead.",
        "The storming of the town hall in Garo lasted an hour.",
    ],
)
def test_nouns_of_the_attack_verbs_attack(nlp, text: str) -> None:
    assert only(events(nlp, text), "Attack").trigger in {"hijacking", "storming"}


def test_a_hijacker_or_an_assault_rifle_is_no_attack(nlp) -> None:
    text = "The hijackers of the ferry were arrested in Lira. Soldiers found an assault rifle in a car."
    assert not of_type(events(nlp, text), "Attack")


@pytest.mark.parametrize(
    "text",
    [
        "“Our brigade will neutralise the bandits who raided the mill,” the Velmar governor said.",
        "Rangers in Dovrin vowed to go after the Velmar Front and exterminate its cells.",
        "The council of Oskarsholm vowed to crush the militia that torched the granary.",
    ],
)
def test_doing_away_with_the_doers_said_as_to_come_threatens(nlp, text: str) -> None:
    """The pursuit verbs (hunt, track, pursue ...) with those that do away with the doers: neutralise,
    crush, annihilate, exterminate, flush out, go after, under an intent or future cue."""
    assert of_type(events(nlp, text), "Threaten")


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers neutralised two gunmen at the gate of the barracks in Dovrin on Monday.",
        "The minister of Dovrin said he would go to Oskarsholm on Friday.",
        "The mayor of Dovrin said the crews would flush the drains of the market.",
    ],
)
def test_doing_away_told_as_done_or_another_going_threatens_nothing(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Threaten")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The governor of Dovrin promised to take out the raiders who burned the mill.", "raiders"),
        ("The council of Oskarsholm swore that the Velmar Front would be wiped out.", "Velmar Front"),
        ("The minister of Tala pledged to eliminate the gang that shelled the depot.", "gang"),
        ("The president of Kisa promised to deal firmly with the bandits who raided the mill.", "bandits"),
    ],
)
def test_a_pledge_of_doing_away_with_someone_threatens_them(nlp, text: str, target: str) -> None:
    """Promised, pledged or sworn: doing away with someone by a verb (eliminate, eradicate, liquidate,
    defeat ...) or a phrasal verb (take out, wipe out, root out, stamp out, finish off, deal with)."""
    threat = only(events(nlp, text), "Threaten")
    assert labels(threat, "target") == {target}


@pytest.mark.parametrize(
    "text",
    [
        "The governor of Dovrin took out a loan to rebuild the mill.",
        "The council of Oskarsholm dealt with the bandits who raided the mill last year.",
        "The minister of Tala promised to take the matter to the court in Kisa.",
    ],
)
def test_doing_away_done_or_no_doing_away_threatens_nothing(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Threaten")


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shelled a depot in Dovrin. The Kestrel Front asked the governor to prove his accusations.",
        "Rebels shelled a depot in Dovrin. The council said that those accusations against the Kestrel Front "
        "were hasty.",
    ],
)
def test_an_accusation_referred_back_to_is_no_new_accusation(nlp, text: str) -> None:
    assert not of_type(events(nlp, text), "Accuse")


def test_a_denial_referred_back_to_is_no_new_denial(nlp) -> None:
    text = ("Rebels shelled a depot in Dovrin. The Kestrel Front rejected the charge. "
            "Unmoved by its denials, the council froze the accounts of the Kestrel Front.")
    assert len(of_type(events(nlp, text), "Deny")) == 1


def test_an_accusation_voiced_again_is_told_anew(nlp) -> None:
    text = ("Rebels shelled a depot in Dovrin. "
            "The governor repeated these accusations against the Kestrel Front.")
    (accusation,) = of_type(events(nlp, text), "Accuse")
    assert labels(accusation, "agent") == {"governor"}
