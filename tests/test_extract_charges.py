"""Charges an attack's telling makes: reported agency and identified doers (kg/extract/charges.py)."""

from __future__ import annotations

from extract_helpers import events, of_type


def test_a_reported_doer_is_accused_by_who_tells_it(nlp) -> None:
    found = events(nlp, "Police said the Tala Front attacked the bank in Tesk on Monday.")
    assert [e.trigger for e in of_type(found, "Accuse")] == ["said"]


def test_a_reported_doer_told_after_the_clause_is_no_charge(nlp) -> None:
    found = events(nlp, "The Tala Front attacked the bank in Tesk on Monday, police said.")
    assert of_type(found, "Accuse") == []


def test_a_doer_told_in_a_quotation_is_accused_by_its_speaker(nlp) -> None:
    text = 'Rebels shelled Omsa on Monday. "The Tala Front shelled our market," the mayor told reporters.'
    accused = of_type(events(nlp, text), "Accuse")
    assert [e.trigger for e in accused] == ["told"]
    assert [t.label for t in accused[0].roles["target"]] == ["Tala Front"]


def test_a_quotation_telling_the_speakers_own_order_is_no_charge(nlp) -> None:
    text = 'Rebels shelled Omsa. "At my direction, the Garo Army shelled their camp," the president said.'
    assert of_type(events(nlp, text), "Accuse") == []


def test_a_continued_quotation_telling_the_speakers_own_order_is_no_charge(nlp) -> None:
    text = ('Rebels shelled Omsa on Monday.\n\n"We are safe," the mayor said. '
            '"On my orders, the Garo Army shelled the rebel camp."')
    assert of_type(events(nlp, text), "Accuse") == []


def test_a_claim_noun_telling_another_partys_deed_is_a_charge_not_a_claim(nlp) -> None:
    text = ("Rebels shelled a school in Omsa on Monday. The mayor resigned after claims by the Tala Front "
            "that Dara militiamen had shelled the school.")
    found = events(nlp, text)
    accused = of_type(found, "Accuse")
    assert [e.trigger for e in accused] == ["claims"]
    assert [a.label for a in accused[0].roles["agent"]] == ["Tala Front"]
    assert of_type(found, "ClaimResponsibility") == []


def test_a_claim_noun_telling_the_holders_own_deed_stays_a_claim(nlp) -> None:
    text = ("Rebels shelled a school in Omsa on Monday. The mayor resigned after claims by the Tala Front "
            "that its fighters had shelled the school.")
    assert of_type(events(nlp, text), "Accuse") == []


def test_a_possessors_assertion_of_a_deed_accuses_the_doer(nlp) -> None:
    text = ("A bomb hit the depot in Garo. Officials doubted the envoy's assertion that the Red Hand had "
            "orchestrated the bombing.")
    accused = of_type(events(nlp, text), "Accuse")
    assert [t.label for e in accused for t in e.roles["target"]] == ["Red Hand"]
    assert [a.label for e in accused for a in e.roles["agent"]] == ["envoy"]


def test_a_pronoun_holding_the_told_noun_is_named_by_the_saying_above(nlp) -> None:
    text = ("Gunmen attacked a hotel in Tala on Monday. The mayor repeated his claim that the Kestrel "
            "militia was behind the hotel raid.")
    accused = of_type(events(nlp, text), "Accuse")
    assert [a.label for e in accused for a in e.roles["agent"]] == ["mayor"]
