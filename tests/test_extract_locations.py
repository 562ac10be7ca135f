"""Event places: which places a sentence names and which attack or protest each belongs to."""

from __future__ import annotations

import pytest
from extract_helpers import FRIDAY, PUBLISHED, attack, events, label_list, labels, of_type, run
from spacy.tokens import Span

from kg.extract import extract_doc
from kg.extract.frames import sentence_frames
from kg.extract.headline_place import headline_attack_place
from kg.extract.lexicon import load_lexicon
from kg.extract.triggers import Trigger
from kg.model import Article


def test_the_same_city_is_the_city_named_before(nlp) -> None:
    text = (
        "A car bomb exploded in Kandahar on Friday, killing six people. "
        "On Sunday, gunmen attacked a police post in the same city, killing two officers."
    )
    second = next(e for e in of_type(events(nlp, text), "Attack") if e.trigger == "attacked")
    assert labels(second, "location") == {"Kandahar"}


def test_a_name_before_air_base_is_a_place(nlp) -> None:
    found = events(nlp, "Drones attacked soldiers at the Tariq Malouf air base in Iraq on Monday.")
    attacks = of_type(found, "Attack")
    assert len(attacks) == 1
    assert "Tariq Malouf air base" in labels(attacks[0], "location")


def test_a_town_compounded_with_a_massacre_is_its_place(nlp) -> None:
    text = "It was the deadliest attack since the Mosul massacre, where a gunman killed 51 worshippers."
    massacre = next(e for e in of_type(events(nlp, text), "Attack") if e.trigger == "massacre")
    assert labels(massacre, "location") == {"Mosul"}


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


def test_the_headline_place_locates_an_unplaced_main_attack(nlp) -> None:
    text = "Gunmen killed 14 worshippers at a church on Sunday, police said."
    article = Article("t", "Gunmen kill 14 worshippers in Kano church attack", text, PUBLISHED)
    (attack,) = of_type(list(extract_doc(nlp(text), article).events), "Attack")
    assert labels(attack, "location") == {"Kano"}


@pytest.mark.parametrize(
    ("title", "place"),
    [
        ("Harbin blast: rescuers search rubble", "Harbin"),
        ("Lagos market bombings leave dozens hurt", "Lagos"),
        ("Peruvian Mine Attack Condemned", "Peru"),
        ("Envoy recalled over Mombasa Kenya ferry attack", "Mombasa"),
        ("Rebels deny Medellin bus bombing", "Medellín"),
    ],
)
def test_a_place_compounded_with_the_headline_attack_noun(title: str, place: str) -> None:
    text = "Officials in Harbin, Lagos, Mombasa and Medellin said a mine, a market and a bus were hit."
    found = headline_attack_place(title, text, load_lexicon())
    assert found is not None and found.key == place


@pytest.mark.parametrize(
    "title",
    [
        "Chad says massacre report is false",  # a verb between: the place is who speaks
        "Russian drone strike hits depot",  # a country before a military operation struck
        "Lagos: market reopens after bombing",  # punctuation between
        "Gunmen kill 14 worshippers In Church Attack",
    ],
)
def test_no_place_compounded_with_the_headline_attack_noun(title: str) -> None:
    text = "Officials in Chad, Lagos and Kano said a church, a market and a depot were hit."
    assert headline_attack_place(title, text, load_lexicon()) is None


def test_a_capitalised_headline_word_is_a_place_only_if_the_text_writes_it_so() -> None:
    title = "Mine Attack Kills Four"  # Mine is a city in Japan
    assert headline_attack_place(title, "Gunmen attacked a gold mine, killing four.", load_lexicon()) is None
    found = headline_attack_place(title, "Gunmen attacked a bank in Mine, Japan.", load_lexicon())
    assert found is not None and found.key == "Mine"


def test_the_headline_compound_places_an_unplaced_main_attack(nlp) -> None:
    text = "Gunmen killed 14 worshippers at a church on Sunday, Kano police said."
    article = Article("t", "Police hunt gunmen after Kano church attack", text, PUBLISHED)
    (attack,) = of_type(list(extract_doc(nlp(text), article).events), "Attack")
    assert labels(attack, "location") == {"Kano"}
    (fact,) = [f for f in attack.facts if f.role == "location"]
    assert fact.support.rule == "location.headline_compound"


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


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers killed two militants in a gunfight in the forests of Kano on Monday.",
        "Rebels attacked a military outpost in the nearby township of Kano, killing five soldiers.",
    ],
)
def test_a_place_named_through_a_township_or_forest_is_the_attack_place(nlp, text: str) -> None:
    (attack,) = of_type(events(nlp, text), "Attack")
    assert labels(attack, "location") == {"Kano"}


def test_dateline_is_neither_agent_nor_place_when_the_sentence_names_one(nlp) -> None:
    ex = run(nlp, "TRIPOLI — Gunmen attacked a fuel depot in the port city of Benghazi on Tuesday.")
    found = attack(ex)
    assert "Tripoli" not in label_list(found, "location") + label_list(found, "agent")
    assert "Benghazi" in label_list(found, "location")


def test_lead_clause_dates_and_places_the_participle_attack(nlp) -> None:
    ex = run(
        nlp,
        "A truck bomb tore through a market in the city of Kandahar on Tuesday morning, killing 14 people.",
    )
    found = attack(ex)
    assert found.time == "2031-03-11"
    assert label_list(found, "location") == ["Kandahar"] and found.killed == 14


def test_the_city_and_the_capital_mean_the_dateline_place(nlp) -> None:
    text = (
        "HARARE — Riot police beat students.\nThousands of protesters marched through the capital on Monday."
    )
    protest = next(e for e in run(nlp, text).events if e.type == "Protest")
    assert label_list(protest, "location") == ["Harare"]
    plain = "Thousands of protesters marched through the capital on Monday."
    assert not next(e for e in run(nlp, plain).events if e.type == "Protest").role("location")


def test_crowd_subject_verb_places_and_dates_the_protest(nlp) -> None:
    ex = run(nlp, "Hundreds of protesters blocked highways in Kano, Kaduna and Sokoto on Tuesday.")
    protest = next(e for e in ex.events if e.type == "Protest")
    assert set(label_list(protest, "location")) == {"Kano", "Kaduna", "Sokoto"}
    assert protest.time == "2031-03-11"


def test_names_modifying_a_place_noun_are_places_whatever_the_ner_said(nlp) -> None:
    doc = nlp("Jihadists attacked an army post in northern Mali's Gao region on Sunday.")
    doc.ents = [Span(doc, 7, 8, "PERSON"), Span(doc, 9, 10, "PERSON")]
    verb = doc[1]
    trigger = Trigger("Attack", verb.i, verb.text, "VERB", 1.0, (verb.i,), False)
    frame = sentence_frames(doc[:], 0, [trigger], load_lexicon(), FRIDAY)[0]
    assert {r.text for r in frame.locations} == {"northern Mali", "Gao"}  # location.compass_part


def test_a_country_compounded_with_a_thing_is_its_owner_not_the_place(nlp) -> None:
    ex = run(nlp, "A grenade exploded near the UK embassy compound in Niamey on Saturday.")
    assert label_list(attack(ex), "location") == ["Niamey"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Gunmen burned a church in Garoua, near Maroua, on Monday.", "Garoua"),
        ("Rebels shelled a clinic in the town of Bunia, in Ituri province, killing three.", "Bunia"),
        ("A bomb hit a bus in Mersin, a port city in the south of Anatolia, on Friday.", "Mersin"),
        ("Militants attacked tourists in the Adriatic city of Split on Friday.", "Split"),
        ("Gunmen attacked a church in the Caribbean island of Trinidad on Sunday.", "Trinidad"),
    ],
)
def test_a_place_that_situates_another_is_not_the_attack_place(nlp, text: str, place: str) -> None:
    (found,) = of_type(events(nlp, text), "Attack")
    assert labels(found, "location") == {place}


def test_places_in_a_list_all_stay(nlp) -> None:
    found = events(nlp, "Militants attacked police posts in Garoua, in Maroua and in Kousseri on Monday.")
    (attack_,) = of_type(found, "Attack")
    assert labels(attack_, "location") == {"Garoua", "Maroua", "Kousseri"}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("A suicide bomber blew himself up outside the Mosul airport on Sunday.", "Mosul airport"),
        ("Gunmen opened fire on soldiers at a Baghdad checkpoint on Friday.", "Baghdad checkpoint"),
        (
            "A rocket slammed into a hangar at Kirkuk's military airport late on Monday.",
            "Kirkuk's military airport",
        ),
    ],
)
def test_a_town_naming_its_facility_is_one_place(nlp, text: str, place: str) -> None:
    (found,) = of_type(events(nlp, text), "Attack")
    assert labels(found, "location") == {place}


def test_a_facility_of_the_town_makes_the_town_redundant(nlp) -> None:
    text = (
        "A suicide bomber struck outside the Mosul airport on Sunday. "
        "The bombing in Mosul killed nine people."
    )
    found = of_type(events(nlp, text), "Attack")
    assert [labels(e, "location") for e in found] == [{"Mosul airport"}]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("A powerful explosion rocked the Mosul airport early on Sunday.", "Mosul airport"),
        ("Two explosions shook Baghdad on Tuesday, killing 14 people.", "Baghdad"),
        ("A wave of explosions rocked Kandahar on Friday.", "Kandahar"),
    ],
)
def test_what_an_attack_word_rocks_is_its_place(nlp, text: str, place: str) -> None:
    (found,) = of_type(events(nlp, text), "Attack")
    assert labels(found, "location") == {place}


def test_what_an_attack_brings_about_is_no_place(nlp) -> None:
    text = "The killing of the general had brought the United States to the brink of war."
    assert all(not labels(e, "location") for e in of_type(events(nlp, text), "Attack"))


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("A car bomb exploded in Moscow on Friday, killing six.", "Moscow"),
        ("Thousands of protesters marched in Washington on Saturday against the war.", "Washington"),
        ("Gunmen stormed a hotel in London overnight, killing two guards.", "London"),
    ],
)
def test_a_capital_that_speaks_for_its_country_is_as_a_place_the_city(nlp, city: str, text: str) -> None:
    (event,) = events(nlp, text)
    assert labels(event, "location") == {city}


def test_the_capital_as_actor_still_stands_for_its_country(nlp) -> None:
    text = "Moscow denied any role in the bombing in Kyiv on Friday."
    (deny,) = of_type(events(nlp, text), "Deny")
    assert labels(deny, "agent") == {"Russia"}


def test_a_region_of_the_world_beside_a_place_in_it_is_no_place_of_the_event(nlp) -> None:
    found = events(nlp, "Gunmen shot dead nine people at a cafe in Kano in West Africa on Monday.")
    assert labels(of_type(found, "Attack")[0], "location") == {"Kano"}
    text = "A car bomb exploded outside a bank in Kano on Monday, the worst attack in Africa this year."
    found = events(nlp, text)
    assert all("Africa" not in label_list(e, "location") for e in of_type(found, "Attack"))


def test_a_region_of_the_world_alone_stays_the_place(nlp) -> None:
    found = events(nlp, "Gunmen shot dead nine people at a cafe in the Middle East on Monday.")
    assert labels(of_type(found, "Attack")[0], "location") == {"Middle East"}


def test_a_region_beside_a_town_in_it_is_no_second_place(nlp) -> None:
    """location.region_of_town: the town's province, said in another mention of the same attack."""
    text = "Rebels torched a depot in Maiduguri on Sunday. The arson in Borno destroyed forty trucks."
    assert labels(of_type(events(nlp, text), "Attack")[0], "location") == {"Maiduguri"}


def test_a_region_beside_a_town_elsewhere_stays(nlp) -> None:
    text = "Rebels torched a depot in Kano on Sunday. The arson in Borno destroyed forty trucks."
    assert labels(of_type(events(nlp, text), "Attack")[0], "location") == {"Kano", "Borno"}


def test_a_region_with_its_noun_beside_a_place_the_gazetteer_lacks_is_no_second_place(nlp) -> None:
    text = "A mine blew up a truck in Ilorin East district on Monday. The blast in Kwara State killed two."
    assert labels(of_type(events(nlp, text), "Attack")[0], "location") == {"Ilorin East"}


def test_two_names_joined_by_and_that_name_one_region_are_one_place(nlp) -> None:
    """location.joined_name: the tagger cuts the name in two (or reads a piece as a name); the gazetteer
    knows the whole."""
    text = "Insurgents set fire to a school in Saint Vincent and the Grenadines on Sunday, police said."
    assert labels(of_type(events(nlp, text), "Attack")[0], "location") == {"Saint Vincent and the Grenadines"}


def test_two_towns_joined_by_and_stay_two_places(nlp) -> None:
    text = "Insurgents set fire to schools in Jammu and Srinagar on Sunday, police said."
    assert labels(of_type(events(nlp, text), "Attack")[0], "location") == {"Jammu", "Srinagar"}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("A roadside bomb killed four herders in north-eastern Kenya on Sunday.", "north-eastern Kenya"),
        ("Raiders attacked a clinic in the nation's south before dawn.", "nation's south"),
        ("Rebels shelled a ferry landing in the south of Malawi on Tuesday.", "south of Malawi"),
        ("Herders torched two granaries in the far east of the country overnight.", "east of the country"),
    ],
)
def test_a_compass_part_of_a_place_is_the_place(nlp, text: str, place: str) -> None:
    """location.compass_part: the part is the place the text gives, not its whole country."""
    assert labels(of_type(events(nlp, text), "Attack")[0], "location") == {place}


def test_a_compass_part_of_a_country_keeps_the_country_match(nlp) -> None:
    """The part stands where its country does, for coreference and linking."""
    attack_event = of_type(events(nlp, "A roadside bomb killed four herders in northern Chad."), "Attack")[0]
    (place,) = attack_event.role("location")
    assert place.geo is not None and place.geo.country_code == "TD"


def test_a_compass_part_beside_a_town_inside_it_is_no_second_place(nlp) -> None:
    text = "Gunmen killed five traders in Kano, in northern Nigeria, on Monday."
    assert labels(of_type(events(nlp, text), "Attack")[0], "location") == {"Kano"}


def test_compass_words_of_a_proper_name_or_a_direction_make_no_part(nlp) -> None:
    found = events(nlp, "Rebels shelled a ferry landing on the West Coast on Tuesday.")
    assert labels(of_type(found, "Attack")[0], "location") == {"West Coast"}
    found = events(nlp, "Herders torched two granaries east of the river in Chad overnight.")
    assert labels(of_type(found, "Attack")[0], "location") == {"Chad"}


def test_an_attack_told_in_a_where_clause_on_a_place_is_there(nlp) -> None:
    """location.where_clause: the main clause says nothing of an attack; the "where" clause places it."""
    text = "Aid convoys resumed in Velm, where gunmen ambushed a bus last spring."
    assert labels(of_type(events(nlp, text), "Attack")[0], "location") == {"Velm"}


def test_a_where_clause_without_an_attack_places_nothing(nlp) -> None:
    text = "Gunmen ambushed a bus on Monday. Aid convoys resumed in Velm, where the road had been repaired."
    assert not labels(of_type(events(nlp, text), "Attack")[0], "location")


def test_a_town_named_after_of_by_the_area_an_attack_hit_is_its_place(nlp) -> None:
    """location.area_struck: the town is where, and no target (target.place_hit)."""
    text = "Drones hit the border town of Kestrel at dawn, wounding nine farmers."
    (found,) = of_type(events(nlp, text), "Attack")
    assert labels(found, "location") == {"Kestrel"}


def test_a_town_named_after_of_by_a_speaker_places_no_attack(nlp) -> None:
    text = "Drones hit a fuel depot near the river at dawn, wounding nine farmers, the mayor of Kestrel said."
    (found,) = of_type(events(nlp, text), "Attack")
    assert "Kestrel" not in labels(found, "location")
