"""Dating events: which date phrase of a sentence dates which event, and reactions dated from the attack."""

from __future__ import annotations

from datetime import date

from extract_helpers import (
    FRIDAY,
    attack,
    events,
    of_type,
    run,
    told_time,
)
from spacy.tokens import Span

from kg.extract.frames import sentence_frames
from kg.extract.lexicon import load_lexicon
from kg.extract.triggers import Trigger


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


def test_year_modifier_dates_its_noun(nlp) -> None:
    ex = run(nlp, "Mourners recalled the 2008 massacre in Peshawar, where gunmen killed 40 people.")
    assert attack(ex).time == "2008"


def test_year_of_an_aside_relative_clause_does_not_date_the_event(nlp) -> None:
    ex = run(nlp, "The council, which took office in 2027, blamed foreign mercenaries for the ambush.")
    accuse = next(e for e in ex.events if e.type == "Accuse")
    assert accuse.time is None


def test_year_inside_a_since_phrase_dates_its_own_noun(nlp) -> None:
    ex = run(nlp, "It was the deadliest bombing since the 1994 constitution in the city of Lahore.")
    assert all(e.time != "1994" for e in ex.events)
    ongoing = run(nlp, "The rebels have fired rockets at border towns since late 2029.")
    assert attack(ongoing).time == "2029"


def test_a_quoted_threat_is_dated_by_its_speech_verb(nlp) -> None:
    text = (
        '"The occupiers will pay a heavy price," militia spokesman Omar Haddad told reporters on Wednesday.'
    )
    threat = next(e for e in run(nlp, text).events if e.type == "Threaten")
    assert threat.time == "2031-03-12"


def test_a_when_clause_hung_on_the_noun_above_the_date_is_dated(nlp) -> None:
    text = "The unrest revived memories of June 2029, when young Zambians took to the streets against taxes."
    protest = next(e for e in run(nlp, text).events if e.type == "Protest")
    assert protest.time == "2029-06"


def test_a_weekday_night_dates_the_event(nlp) -> None:
    doc = nlp("Masked men raided a village on Saturday night, killing nine farmers.")
    doc.ents = [Span(doc, 6, 8, "TIME")]
    verb = doc[2]
    trigger = Trigger("Attack", verb.i, verb.text, "VERB", 1.0, (verb.i,), False)
    frame = sentence_frames(doc[:], 0, [trigger], load_lexicon(), FRIDAY)[0]
    assert frame.time == "2031-03-08"


def _attack_at(found, place: str):
    return next(e for e in of_type(found, "Attack") if place in {p.label for p in e.role("location")})


def test_an_attack_told_days_before_the_dated_one_is_dated_back(nlp) -> None:
    text = (
        "A car bomb exploded outside a hotel in Dovrin on Tuesday, killing six guests. "
        "The explosion came three days after gunmen killed eleven farmers in Velmar."
    )
    found = events(nlp, text)
    assert _attack_at(found, "Dovrin").time == "2031-03-11"
    earlier = next(e for e in of_type(found, "Attack") if e.trigger == "killed")
    assert earlier.time == "2031-03-08"
    assert any(f.support.rule == "time.shifted" for f in earlier.facts)


def test_an_attack_a_week_before_the_main_verb_is_a_week_earlier(nlp) -> None:
    text = (
        "Militants stormed a prison in Gao on Friday, a week after a suicide bomber struck a market in Mopti."
    )
    found = events(nlp, text, published=date(2031, 3, 16))
    struck = next(e for e in of_type(found, "Attack") if e.trigger == "struck")
    assert struck.time == "2031-03-07"


def test_an_attack_the_same_day_as_the_dated_one_shares_its_day(nlp) -> None:
    text = (
        "Rebels shelled a clinic in Goma on Tuesday. "
        "The shelling came the same day as gunmen killed four soldiers in Bujumbura."
    )
    found = events(nlp, text)
    killed = next(e for e in of_type(found, "Attack") if e.trigger == "killed")
    assert killed.time == "2031-03-11"


def test_a_span_without_a_dated_attack_dates_nothing(nlp) -> None:
    text = (
        "A bomb exploded on a bus in Kano. "
        "The blast came two days after gunmen killed nine villagers near Jos."
    )
    attacks = of_type(events(nlp, text), "Attack")
    assert len(attacks) == 2 and all(told_time(e) is None for e in attacks)


def test_after_without_a_span_dates_nothing(nlp) -> None:
    text = (
        "A bomb exploded on a bus in Kano on Monday. "
        "The blast came after gunmen killed nine villagers near Jos."
    )
    facts = [f for e in events(nlp, text) for f in e.facts]
    assert not any(f.support.rule == "time.shifted" for f in facts)


def test_an_attack_days_before_another_is_dated_forward_from_it(nlp) -> None:
    text = (
        "Gunmen attacked a police post in Gao on Monday, "
        "two days before a suicide bomber struck a market in Mopti."
    )
    struck = next(e for e in of_type(events(nlp, text), "Attack") if e.trigger == "struck")
    assert struck.time == "2031-03-12"


def test_a_day_naming_an_occasion_dates_the_event_the_occasion_hangs_from(nlp) -> None:
    published = date(2031, 3, 14)  # a Friday
    found = events(
        nlp, "Gunmen opened fire on worshippers in Dovrin during Sunday mass, killing six.", published
    )
    assert of_type(found, "Attack")[0].time == "2031-03-09"
    claim = of_type(
        events(nlp, "In Monday's statement, the Velmar Front claimed the ambush.", published),
        "ClaimResponsibility",
    )
    assert claim[0].time == "2031-03-10"


def test_a_time_of_day_set_beside_the_attack_word_dates_it(nlp) -> None:
    text = (
        "The Velmar Front claimed responsibility for two blasts outside a stadium Saturday evening "
        "that killed nine."
    )
    blasts = of_type(events(nlp, text, date(2031, 3, 14)), "Attack")
    assert [a.time for a in blasts] == ["2031-03-08"]


def test_a_year_or_a_holiday_before_a_noun_is_no_occasion_of_the_event(nlp) -> None:
    published = date(2031, 3, 14)
    text = "It was the bloodiest attack on the city since the 2019 revolution."
    assert [told_time(a) for a in of_type(events(nlp, text, published), "Attack")] == [None]
    text = "Rebels bombed a bridge in Dovrin, wrecking the Good Friday accord."
    assert all(told_time(a) is None for a in of_type(events(nlp, text, published), "Attack"))
    text = "Gunmen opened fire on worshippers in Dovrin during the mass, killing six."
    assert [told_time(a) for a in of_type(events(nlp, text, published), "Attack")] == [None]


def test_a_reaction_told_in_a_dated_report_takes_the_reports_date(nlp) -> None:
    """time.told_on: the date is on the verb that tells the reaction, not on the reaction."""
    ex = run(nlp, "The abbot confirmed on Tuesday that the Dovrin Council denied and denounced the raid.")
    assert of_type(list(ex.events), "Deny")[0].time == "2031-03-11"
    assert of_type(list(ex.events), "Condemn")[0].time == "2031-03-11"


def test_a_reaction_in_a_participle_or_an_in_gerund_takes_the_date(nlp) -> None:
    ex = run(nlp, "The Velmar Front spoke to a radio station on Monday, denying any part in the raid.")
    deny = of_type(list(ex.events), "Deny")[0]
    assert deny.time == "2031-03-10"
    assert [f.support.rule for f in deny.facts_for("time")] == ["time.told_on"]


def test_an_attack_told_in_a_dated_report_is_not_dated_by_it(nlp) -> None:
    ex = run(nlp, "State radio announced on Sunday that gunmen had ambushed a convoy near Dovrin.")
    assert told_time(attack(ex)) is None


def test_a_dated_reaction_passes_no_date_to_another_partys_reaction_it_tells(nlp) -> None:
    text = "The Velmar Front on Sunday denied any role in the raid, saying Dovrin was blaming it falsely."
    found = list(run(nlp, text).events)
    assert of_type(found, "Deny")[0].time == "2031-03-09"
    assert all(e.time is None for e in of_type(found, "Accuse"))


def test_reaction_verbs_joined_in_one_clause_share_its_date(nlp) -> None:
    """time.conjoined: "denied and deplored ... on Monday" dates both reactions."""
    text = "The Dovrin Front on Monday denied and deplored the bombing of the Garo seminary."
    found = {e.type: e.time for e in run(nlp, text).events}
    assert found["Deny"] == found["Condemn"] == "2031-03-10"


def test_a_joined_clause_with_its_own_subject_keeps_its_own_date(nlp) -> None:
    text = (
        "The Dovrin Front on Monday denied the rumours, "
        "and the Tala Union deplored the bombing of the Garo seminary."
    )
    found = {e.type: e.time for e in run(nlp, text).events}
    assert found["Deny"] == "2031-03-10"
    assert found["Condemn"] is None


def test_a_protest_told_by_its_participants_is_when_and_where_their_deed_was(nlp) -> None:
    """time.participants, location.participants: the protesters who torched the depot protested then
    and there; a protest noun that does nothing gets nothing of the sentence's other events."""
    found = events(nlp, "Hundreds of demonstrators stormed the town hall in Marseille on Tuesday.")
    (protest,) = of_type(found, "Protest")
    assert [e.label for e in protest.role("location")] == ["Marseille"]
    assert protest.time is not None and protest.time == of_type(found, "Attack")[0].time
    assert {f.support.rule for f in protest.facts} >= {"time.participants", "location.participants"}
    found = events(nlp, "Police torched the protesters' camp in Lyon on Sunday.")
    (protest,) = of_type(found, "Protest")
    assert protest.time is None and not protest.role("location")


def test_a_date_on_a_verb_of_no_event_dates_the_deed_joined_to_it(nlp) -> None:
    found = events(nlp, "Masked riders came into Garo on 4 March 2031 and torched the granary.")
    assert of_type(found, "Attack")[0].time == "2031-03-04"


def test_a_joined_clause_with_its_own_doer_takes_no_date_from_the_verb_before(nlp) -> None:
    text = "Masked riders came into Garo on 4 March 2031, and soldiers later torched the granary."
    found = events(nlp, text)
    assert of_type(found, "Attack")[0].time != "2031-03-04"


def test_a_when_clause_on_the_date_of_an_attack_verb_is_that_attack(nlp) -> None:
    found = events(nlp, "The hamlet was raided before in May 2030, when herders set the grain stores ablaze.")
    attacks = of_type(found, "Attack")
    assert len(attacks) == 1 and attacks[0].time == "2030-05"
