"""Quotations and their speakers: reactions told in the speaker's own words (kg/extract/quotes.py)."""

from __future__ import annotations

from extract_helpers import events, labels, of_type, only


def test_a_first_person_vow_is_the_quoted_speakers(nlp) -> None:
    text = (
        "Gunmen stormed a clinic in Varo on Monday. "
        "“We will hunt down the killers,” Governor Ama Odok told reporters."
    )
    assert labels(only(events(nlp, text), "Threaten"), "agent") == {"Ama Odok"}


def test_a_quotation_opened_after_a_colon_is_the_introducers(nlp) -> None:
    text = (
        "Gunmen stormed a clinic in Varo on Monday. Governor Ama Odok spoke on radio: "
        "“Nobody is safe tonight. We will hunt down the killers.”"
    )
    assert labels(only(events(nlp, text), "Threaten"), "agent") == {"Ama Odok"}


def test_a_quotation_running_on_keeps_its_speaker(nlp) -> None:
    text = (
        'Gunmen stormed a clinic in Varo on Monday. Governor Ama Odok said, "The clinic is closed. '
        'We condemn this raid on our doctors."'
    )
    assert labels(only(events(nlp, text), "Condemn"), "agent") == {"Ama Odok"}


def test_an_unattributed_quotation_is_the_previous_quotations_speaker(nlp) -> None:
    text = (
        "Gunmen stormed a clinic in Varo on Monday.\n"
        "“The doctors are safe,” Governor Ama Odok wrote. “We condemn this raid.”"
    )
    assert labels(only(events(nlp, text), "Condemn"), "agent") == {"Ama Odok"}


def test_a_paragraph_of_quotation_continues_the_speaker_of_the_paragraph_before(nlp) -> None:
    text = (
        "Gunmen stormed a clinic in Varo on Monday. “The doctors are safe,” Governor Ama Odok wrote.\n"
        "“We condemn this raid.”"
    )
    condemn = only(events(nlp, text), "Condemn")
    assert labels(condemn, "agent") == {"Ama Odok"}
    assert {f.support.rule for f in condemn.facts if f.role == "agent"} == {"agent.continued_quote"}


def test_a_reported_speaker_is_continued_by_the_next_quotation_paragraph(nlp) -> None:
    text = (
        "Gunmen stormed a clinic in Varo on Monday.\n"
        "Governor Ama Odok explained that the doctors had been moved to Tala.\n"
        "“Nothing can excuse this barbaric raid on our nurses.”"
    )
    assert labels(only(events(nlp, text), "Condemn"), "agent") == {"Ama Odok"}


def test_a_paragraph_before_that_reports_no_saying_gives_no_speaker(nlp) -> None:
    text = (
        "Gunmen stormed a clinic in Varo on Monday.\nThe clinic had twelve beds and one ambulance.\n"
        "“We condemn this raid.”"
    )
    assert of_type(events(nlp, text), "Condemn") == []


def test_a_paragraph_with_an_attribution_further_on_does_not_continue_the_one_before(nlp) -> None:
    text = (
        "Gunmen stormed a clinic in Varo on Monday.\nGovernor Ama Odok said the doctors were safe.\n"
        "“Nobody can excuse this barbaric raid.” “We are scared,” a nurse, Ilse Varga, said."
    )
    found = events(nlp, text)
    assert of_type(found, "Attack"), "the attack itself is still found"
    assert all(f.support.rule != "agent.continued_quote" for e in found for f in e.facts)


def test_a_quotation_not_opening_its_paragraph_does_not_continue_the_one_before(nlp) -> None:
    text = (
        "Gunmen stormed a clinic in Varo on Monday.\nGovernor Ama Odok said the doctors were safe.\n"
        "Witnesses in the square shouted “We condemn this raid.”"
    )
    found = events(nlp, text)
    assert all(f.support.rule != "agent.continued_quote" for e in found for f in e.facts)


def test_a_tweet_attributes_a_quotation(nlp) -> None:
    text = (
        "Gunmen stormed a clinic in Varo on Monday.\n"
        "“The doctors are safe,” Governor Ama Odok tweeted. “This barbaric raid will not stop us.”"
    )
    assert labels(only(events(nlp, text), "Condemn"), "agent") == {"Ama Odok"}


def test_a_vow_told_in_the_third_person_outside_a_quotation_has_no_quoted_speaker(nlp) -> None:
    text = "Gunmen stormed a clinic in Varo on Monday. We will hunt down the killers, the paper wrote."
    found = events(nlp, text)
    assert of_type(found, "Attack"), "the attack itself is still found"
    assert all(f.support.rule != "agent.quote_speaker" for e in found for f in e.facts)


def test_a_passive_charge_in_a_quotation_is_not_the_speakers(nlp) -> None:
    text = "Soldiers raided a village near Varo. “Farmers accused of helping rebels fled,” the monitor said."
    found = events(nlp, text)
    assert of_type(found, "Attack"), "the attack itself is still found"
    assert all(f.support.rule != "agent.quote_speaker" for e in found for f in e.facts)
