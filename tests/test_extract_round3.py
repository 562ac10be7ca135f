"""Round 3 of trigger and argument fixes: dates are no triggers, habitual statements are no attacks,
protest phrases, and the police as the ones firing tear gas."""

from __future__ import annotations

from extract_helpers import events, labels, of_type

from kg.extract.lexicon import load_lexicon
from kg.extract.triggers import find_triggers, phrase_matcher


def test_a_month_name_is_no_protest(nlp) -> None:
    found = events(nlp, "The Velmar Front bombed a depot in Oskarsholm in March 2029, officials said.")
    assert not of_type(found, "Protest")
    assert len(of_type(found, "Attack")) == 1


def trigger_types(nlp, text: str) -> list[tuple[str, str]]:
    lex = load_lexicon()
    matcher = phrase_matcher(nlp.vocab, lex)
    return [(t.type, t.text) for s in nlp(text).sents for t in find_triggers(s, lex, matcher)]


def test_a_month_in_a_date_is_no_trigger(nlp) -> None:
    found = trigger_types(nlp, "Thousands of students gathered in the capital in March 2029 to seek reforms.")
    assert ("Protest", "March") not in found


def test_a_month_name_before_a_day_is_no_protest(nlp) -> None:
    found = events(nlp, "Hundreds of farmers blocked the highway on March 3 near the port of Dovrin.")
    assert not of_type(found, "Protest")


def test_a_habitual_attack_is_no_event(nlp) -> None:
    found = events(nlp, "The Velmar Front has increasingly targeted army recruits.")
    assert not of_type(found, "Attack")


def test_an_attack_that_often_happens_is_no_event(nlp) -> None:
    found = events(nlp, "Militants often attack convoys on the coastal road.")
    assert not of_type(found, "Attack")


def test_a_dated_attack_is_still_an_event(nlp) -> None:
    found = events(nlp, "Militants attacked a convoy on the coastal road on Tuesday.")
    assert len(of_type(found, "Attack")) == 1


def test_a_sit_in_is_a_protest(nlp) -> None:
    found = events(nlp, "Opposition supporters staged a sit-in outside the education ministry in Dovrin.")
    protests = of_type(found, "Protest")
    assert [p.trigger for p in protests] == ["sit-in"]
    assert labels(protests[0], "agent") == {"Opposition supporters"}


def test_police_firing_tear_gas_are_the_agents(nlp) -> None:
    found = events(nlp, "Police fired tear gas at demonstrators outside the parliament in Dovrin.")
    attacks = [e for e in found if e.trigger == "fired"]
    assert len(attacks) == 1
    assert labels(attacks[0], "agent") == {"Police"}
    assert "demonstrators" in labels(attacks[0], "target")


def test_a_claims_own_name_for_the_target_adds_no_target(nlp) -> None:
    text = (
        "Rockets hit the Tesk garrison on Monday, wounding four soldiers. "
        'The Velmar Front said it had targeted "the enemy fortress" with rockets.'
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert len(attacks) == 1
    assert "enemy fortress" not in labels(attacks[0], "target")
    assert "Tesk garrison" in labels(attacks[0], "target")


def test_the_same_city_is_the_city_named_before(nlp) -> None:
    text = (
        "A car bomb exploded in Kandahar on Friday, killing six people. "
        "On Sunday, gunmen attacked a police post in the same city, killing two officers."
    )
    second = next(e for e in of_type(events(nlp, text), "Attack") if e.trigger == "attacked")
    assert labels(second, "location") == {"Kandahar"}


def test_a_yardstick_attack_keeps_its_own_arguments(nlp) -> None:
    text = (
        "Gunmen killed nine guests at a hotel in Kandahar. It was the deadliest attack in the country "
        "since the Varn massacre, where a gunman killed 51 worshippers."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert len(attacks) == 2
    main = next(a for a in attacks if a.trigger == "killed")
    assert "51 worshippers" not in labels(main, "target")


def test_a_name_before_air_base_is_a_place(nlp) -> None:
    found = events(nlp, "Drones attacked soldiers at the Tariq Malouf air base in Iraq on Monday.")
    attacks = of_type(found, "Attack")
    assert len(attacks) == 1
    assert "Tariq Malouf air base" in labels(attacks[0], "location")


def test_a_claim_the_next_day_is_dated_from_the_attack(nlp) -> None:
    text = (
        "Gunmen stormed a hotel in Dovrin on Tuesday, killing nine guests. "
        "The next day, the Velmar Front claimed responsibility for the attack."
    )
    found = events(nlp, text)
    attack = of_type(found, "Attack")[0]
    claim = of_type(found, "ClaimResponsibility")[0]
    assert attack.time == "2031-03-11"
    assert claim.time == "2031-03-12"


def test_a_claim_hours_later_is_dated_the_day_of_the_attack(nlp) -> None:
    text = (
        "Gunmen stormed a hotel in Dovrin on Tuesday, killing nine guests. "
        "Hours later, the Velmar Front claimed responsibility for the attack."
    )
    claim = of_type(events(nlp, text), "ClaimResponsibility")[0]
    assert claim.time == "2031-03-11"


def test_a_group_calling_itself_a_name_owns_its_fighters_deed(nlp) -> None:
    text = (
        "A suicide bomber attacked a police bus in Dovrin on Monday, killing seven officers. "
        "Officials blamed the Velmar Front. The Velmar Front denied any role. "
        "Hours later, a little-known group calling itself Harak al-Ostra said one of its fighters had "
        "carried out the bombing."
    )
    attack = of_type(events(nlp, text), "Attack")[0]
    assert "Velmar Front" not in labels(attack, "agent")


def test_a_separate_attack_keeps_its_agent_apart(nlp) -> None:
    text = (
        "A bomb killed nine people at a market in Kandahar on Friday. "
        "In a separate attack, Velmar gunmen shot two police officers."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert len(attacks) == 2
    main = next(a for a in attacks if a.trigger == "killed")
    assert not labels(main, "agent")


def test_a_town_compounded_with_a_massacre_is_its_place(nlp) -> None:
    text = "It was the deadliest attack since the Mosul massacre, where a gunman killed 51 worshippers."
    massacre = next(e for e in of_type(events(nlp, text), "Attack") if e.trigger == "massacre")
    assert labels(massacre, "location") == {"Mosul"}
