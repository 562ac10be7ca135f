"""Entity resolution: aliases, titles, short names, back-references, kinds and stable keys."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from extract_helpers import events, labels, of_type

from kg.extract import extract_doc
from kg.extract.entities import affiliation, canonical, clean, describes_only, resolve
from kg.extract.lexicon import load_lexicon
from kg.extract.placing import placed
from kg.extract.refs import Ref
from kg.gazetteer import COUNTRY, lookup
from kg.model import Article, Entity, Event, Evidence, Extraction, Geo


def run(nlp, text: str, article_id: str = "a1") -> Extraction:
    return extract_doc(nlp(text), Article(article_id, "t", text, date(2030, 6, 6)))


def by_label(ex: Extraction) -> dict[str, Entity]:
    return {e.label: e for e in ex.entities}


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("the United States", "United States"),
        ("Iran’s", "Iran"),
        ("Kenya’s parliament", "Kenya's parliament"),
        ("President Lena Marsh", "Lena Marsh"),
        ("Supreme Leader Ayatollah Omar Rahimi", "Ayatollah Omar Rahimi"),
        ("“terrorists”", "terrorists"),
        ("The Islamic State (IS)", "Islamic State"),
    ],
)
def test_clean_surface_forms(surface: str, expected: str) -> None:
    assert clean(surface, load_lexicon()) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ISIS", "Islamic State"),
        ("IS group", "Islamic State"),
        ("Islamic State militant group", "Islamic State"),
        ("U.S.", "United States"),
        ("America", "United States"),
        ("Washington", "United States"),
        ("UNSC", "United Nations Security Council"),
    ],
)
def test_alias_table(name: str, expected: str) -> None:
    found = canonical(name, load_lexicon())
    assert found is not None and found[0] == expected


def test_unknown_names_have_no_alias() -> None:
    assert canonical("Crimson Hand", load_lexicon()) is None


def test_affiliation_reads_countries_but_not_backers() -> None:
    lex = load_lexicon()
    forces = Entity("U.S. military forces", "U.S. military forces", "Group")
    backed = Entity("Chad-backed rebels", "Chad-backed rebels", "Group")
    government = Entity("Iraqi government", "Iraqi government", "Organization")
    assert affiliation(forces, lex) == {"United States"}
    assert affiliation(government, lex) == {"Iraq"}
    assert affiliation(backed, lex) == {"Chad-backed rebels"}


def test_a_countrys_possessive_stands_for_it_on_its_state_bodies_only() -> None:
    lex = load_lexicon()
    army = Entity("Chad's army", "Chad's army", "Organization")
    service = Entity("Russia's border service", "Russia's border service", "Organization")
    rebels = Entity("Russia's Dagestani rebels", "Russia's Dagestani rebels", "Group")
    assert affiliation(army, lex) == {"Chad"}
    assert affiliation(service, lex) == {"Russia"}
    assert "Russia" not in affiliation(rebels, lex)


def test_alias_forms_become_one_entity(nlp) -> None:
    text = (
        "ISIS militants stormed a hotel in Mogadishu. IS later claimed the attack. "
        "The Islamic State group said its fighters had killed 14 guards."
    )
    ex = run(nlp, text)
    group = by_label(ex)["Islamic State"]
    assert group.kind == "Organization"
    assert {"ISIS militants", "IS"} <= group.aliases
    assert [e.label for e in ex.entities].count("Islamic State") == 1


def test_titles_are_dropped_and_short_names_resolved(nlp) -> None:
    text = (
        "Gunmen attacked a market in Kano. President Amina Yusuf condemned the attack. "
        "Yusuf vowed revenge for the attack."
    )
    ex = run(nlp, text)
    condemn = next(e for e in ex.events if e.type == "Condemn")
    threat = next(e for e in ex.events if e.type == "Threaten")
    assert condemn.role("agent")[0].key == threat.role("agent")[0].key == "Amina Yusuf"
    assert by_label(ex)["Amina Yusuf"].kind == "Person"
    assert "Yusuf" in by_label(ex)["Amina Yusuf"].aliases


def test_a_family_name_alone_is_the_person_of_that_name_named_last_before_it(nlp) -> None:
    doc = nlp(
        "Gunmen shot Governor Tomas Arvane in Tesk on Monday. Arvane died in hospital. "
        "His wife, Mayor Liliana Arvane, condemned the attack. Arvane vowed revenge for the killing."
    )
    alone = [t.i for t in doc if t.text == "Arvane" and t.nbor(-1).text not in {"Tomas", "Liliana"}]
    refs = [Ref(i, i + 1, "Arvane", "PERSON") for i in alone]
    resolved = resolve(doc, refs, "a1", load_lexicon())
    assert [resolved[(i, i + 1)].key for i in alone] == ["Tomas Arvane", "Liliana Arvane"]


def test_the_group_refers_back_to_the_armed_group(nlp) -> None:
    text = (
        "The Crimson Hand claimed responsibility for the bombing of a bridge in Kano. "
        "The group also denied any role in the kidnapping of a governor."
    )
    ex = run(nlp, text)
    denial = next(e for e in ex.events if e.type == "Deny")
    assert denial.role("agent")[0].label == "Crimson Hand"
    assert "group" not in denial.role("agent")[0].aliases  # a description refers back; it names nothing


@pytest.mark.parametrize(
    ("surface", "description"),
    [
        ("group", True),
        ("the organisation", True),
        ("The militant group", True),
        ("Somali militant groups", True),
        ("Iran-backed militias", True),
        ("lone gunman", True),
        ("its fighters", True),
        ("the gunmen", True),
        ("Islamic State group", False),
        ("Houthi rebels", False),
        ("Red Hand Brigade", False),
        ("Crimson Hand", False),
        ("al-Shabaab militants", False),
    ],
)
def test_a_surface_form_of_generic_nouns_only_is_a_description(surface: str, description: bool) -> None:
    assert describes_only(surface, load_lexicon()) is description


def test_no_generic_noun_becomes_a_label_of_the_named_entity_it_refers_to(nlp) -> None:
    from kg.rdf import extraction_quads
    from kg.terms import SKOS

    text = (
        "The Azure Brigades said they bombed a police station in Tarvona on Monday. "
        "The militant organisation also warned of more attacks. "
        "The Sunni militant group has carried out several raids this year, and the militants "
        "vowed to strike again."
    )
    ex = run(nlp, text)
    named = next(e for e in ex.entities if e.label == "Azure Brigades")
    assert named.aliases <= {"Azure Brigades", "The Azure Brigades"}, named.aliases
    labels = {
        q.object.value
        for q in extraction_quads(ex, generated_at=datetime(2030, 6, 7, tzinfo=timezone.utc))
        if q.predicate in (SKOS.altLabel, SKOS.prefLabel) and q.subject.value.endswith("/azure-brigades")
    }
    assert labels and not any(describes_only(label, load_lexicon()) for label in labels), labels


def test_kinds_and_gazetteer(nlp) -> None:
    ex = run(
        nlp, "Crimson Hand fighters attacked a convoy in Kano, Nigeria, and the Nigerian army condemned it."
    )
    places = {e.label: e for e in ex.entities if e.kind in {"Place", "Country"}}
    assert places["Kano"].kind == "Place"
    assert places["Kano"].geo is not None and places["Kano"].geo.country_code == "NG"


def test_people_who_are_no_actors_are_a_group_not_a_place(nlp) -> None:
    ex = run(nlp, "A drone strike on a farm near Garo killed two children and wounded three passengers.")
    kinds = {e.label: e.kind for e in ex.entities}
    assert kinds["two children"] == "Group"
    assert kinds["three passengers"] == "Group"
    assert kinds["farm"] == "Place"  # neither actor nor people: still a place
    attack = next(e for e in ex.events if e.type == "Attack")
    assert "two children" not in {e.label for e in attack.role("location")}


def test_named_keys_are_stable_across_articles_but_descriptions_are_not(nlp) -> None:
    text = "The Crimson Hand attacked a crowd in Kano."
    first, second = run(nlp, text, "a1"), run(nlp, text, "a2")
    keys_first = {e.label: e.key for e in first.entities}
    keys_second = {e.label: e.key for e in second.entities}
    assert keys_first["Crimson Hand"] == keys_second["Crimson Hand"] == "Crimson Hand"
    assert keys_first["crowd"] != keys_second["crowd"]


def test_demonym_owner_and_owner_of_positions(nlp) -> None:
    ex = run(nlp, "Nigerian jets struck Crimson Hand positions near Maiduguri on Sunday.")
    attack = next(e for e in ex.events if e.type == "Attack")
    assert [e.label for e in attack.role("agent")] == ["Nigeria"]
    assert attack.role("agent")[0].kind == "Country"
    assert [e.label for e in attack.role("target")] == ["Crimson Hand"]


def test_pronouns_refer_to_names_the_ner_missed(nlp) -> None:
    text = "The Crimson Hand said it had fired the rockets after a drone strike killed two of its fighters."
    ex = run(nlp, text)
    fired = next(e for e in ex.events if e.type == "Attack" and e.trigger == "fired")
    strike = next(e for e in ex.events if e.type == "Attack" and e.trigger != "fired")
    assert [e.label for e in fired.role("agent")] == ["Crimson Hand"]
    assert [e.label for e in strike.role("target")] == ["Crimson Hand"]


def test_an_apposition_makes_a_name_a_group(nlp) -> None:
    ex = run(
        nlp,
        "Jaish al-Adl, a Sunni militant group, has claimed several attacks in Sistan-Baluchestan province.",
    )
    claim = next(e for e in ex.events if e.type == "ClaimResponsibility")
    assert claim.role("agent")[0].label == "Jaish al-Adl"
    assert claim.role("agent")[0].kind == "Organization"


# places: each entity's gazetteer match and final kind (kg.rdf writes them as they are) ----------------


def _placed(*entities: Entity, roles: tuple[Entity, ...] = ()) -> Extraction:
    article = Article("p1", "t", "Invented text.", date(2030, 6, 6))
    evidence = Evidence("p1", "Invented text.", 0, 14, 0.5, "test")
    events = (Event("e1", "Attack", "attack", evidence, {"location": roles}),) if roles else ()
    return placed(Extraction(article, entities, events))


def test_a_place_the_gazetteer_knows_as_a_country_becomes_a_country() -> None:
    ex = _placed(Entity("syria", "Syria", "Place"), Entity("aleppo", "Aleppo", "Place"))
    syria, aleppo = ex.entities
    assert (syria.kind, syria.geo.feature, syria.geo.country_code) == ("Country", COUNTRY, "SY")
    assert (aleppo.kind, aleppo.geo.country_code, aleppo.geo.name) == ("Place", "SY", "Aleppo")


def test_places_are_found_by_their_aliases_and_other_kinds_are_not_looked_up() -> None:
    ex = _placed(
        Entity("us", "the Americans", "Place", frozenset({"U.S."})), Entity("mosul", "Mosul", "Group")
    )
    americans, group = ex.entities
    assert americans.kind == "Country" and americans.geo.country_code == "US"
    assert group.geo is None and group.kind == "Group"


def test_a_given_country_match_is_made_canonical_so_articles_agree() -> None:
    odd = Geo(
        geonames_id=99237, name="Iraq", latitude=0.0, longitude=0.0, country_code="IQ", feature="country"
    )
    [iraq] = _placed(Entity("iraq", "Iraq", "Country", geo=odd)).entities
    assert iraq.geo == lookup("Iraq") and 33.0 < iraq.geo.latitude < 34.0  # Baghdad


def test_every_mention_of_a_key_gets_the_match_any_of_them_has() -> None:
    bare = Entity("kabul", "the capital", "Place")
    named = Entity("kabul", "Kabul", "Place")
    ex = _placed(bare, roles=(named,))
    assert ex.entities[0].geo == ex.events[0].roles["location"][0].geo == lookup("Kabul")


def test_a_place_called_by_its_gazetteer_name_has_one_key_with_or_without_accents() -> None:
    plain, accented = Entity("Bogota", "Bogota", "Place"), Entity("Bogotá", "Bogotá", "Place")
    part = Entity("northern Nigeria", "northern Nigeria", "Place", geo=lookup("Nigeria"))
    scoped = Entity("the market (p1)", "the market", "Place", geo=lookup("Kano"))
    ex = _placed(plain, accented, part, scoped, Entity("Burma", "Burma", "Place"), roles=(plain, accented))
    keys = [e.key for e in ex.entities]
    assert keys[:2] == ["Bogotá", "Bogotá"] and keys[4] == "Myanmar"
    assert keys[2:4] == ["northern Nigeria", "the market (p1)"]  # a part, a description: their own
    [bogota] = ex.events[0].roles["location"]  # named twice, kept once
    assert (bogota.key, bogota.label, bogota.geo.geonames_id) == ("Bogotá", "Bogota", 3688689)


def test_an_articles_two_spellings_of_a_place_are_one_entity_and_one_fact(nlp) -> None:
    ex = run(
        nlp, "Gunmen attacked a police post in Bogota on Monday. The mayor of Bogotá condemned the attack."
    )
    assert {e.key for e in ex.entities if e.label in {"Bogota", "Bogotá"}} == {"Bogotá"}
    attack = next(e for e in ex.events if e.type == "Attack")
    assert [f.value for f in attack.facts_for("location")] == ["Bogotá"]


def test_one_span_read_twice_resolves_by_the_order_of_the_frames_not_hash_order() -> None:
    """A span that is both an agent (PERSON) and a place (FAC) in one sentence: the frames' order
    decides, the same in every run; it was the iteration order of a set, which changes per process."""
    import spacy

    doc = spacy.blank("en")("Checkpoint shootings killed 11 people.")
    person, place = Ref(0, 1, "Checkpoint", "PERSON"), Ref(0, 1, "Checkpoint", "FAC")
    assert resolve(doc, [person, place], "a", load_lexicon())[(0, 1)].kind == "Place"
    assert resolve(doc, [place, person], "a", load_lexicon())[(0, 1)].kind == "Person"


def test_a_group_name_the_tagger_cut_at_a_hyphen_is_one_name(nlp) -> None:
    from spacy.tokens import Span

    from kg.extract.refs import entity_span

    doc = nlp.make_doc("Jaish-e-Mohammed claimed the attack.")  # Jaish - e - Mohammed claimed ...
    doc.ents = [Span(doc, 0, 3, "ORG"), Span(doc, 4, 5, "PERSON")]
    assert entity_span(doc[4]).text == "Jaish-e-Mohammed"
    assert entity_span(doc[0]).text == "Jaish-e-Mohammed"
    spaced = nlp.make_doc("Jaish - Mohammed claimed the attack.")  # a dash between two names joins nothing
    spaced.ents = [Span(spaced, 0, 1, "ORG"), Span(spaced, 2, 3, "PERSON")]
    assert entity_span(spaced[2]).text == "Mohammed"


def _kind_of(text: str, start: int, label: str, ents: list[tuple[int, int, str]] = ()) -> str:
    """The kind ``resolve`` gives the one-token span at ``start`` read with NER ``label`` (spaCy's blank
    tokenizer, the given entities set by hand)."""
    import spacy
    from spacy.tokens import Span

    doc = spacy.blank("en")(text)
    doc.ents = [Span(doc, s, e, lab) for s, e, lab in ents]
    ref = Ref(start, start + 1, doc[start].text, label)
    return resolve(doc, [ref], "a", load_lexicon())[(start, start + 1)].kind


def test_an_acronym_read_as_a_group_is_no_place_of_those_letters() -> None:
    """ "ABA" is a town in the gazetteer (Aba, Nigeria), but a name in capitals that the tagger reads as
    an organization is a group's acronym; the same letters written as a word stay the town."""
    text = "Fighters of the ABA stormed a village near Buthidaung on Monday ."
    assert _kind_of(text, 3, "ORG") == "Organization"
    assert _kind_of("Fighters of Aba stormed a village .", 2, "ORG") == "Place"


def test_an_acronym_spelt_out_after_a_groups_name_is_the_groups_whatever_the_tagger_says() -> None:
    text = "The Arakan Balance Army ( ABA ) said ABA fighters stormed a village ."
    army = [(1, 4, "ORG")]
    assert _kind_of(text, 8, "GPE", army) == "Organization"
    assert _kind_of("Gunmen from ABA stormed a village near Onitsha .", 2, "GPE") == "Place"


def test_the_datelines_place_in_capitals_stays_a_place() -> None:
    text = "ABA , Nigeria — Gunmen of the ABA killed four soldiers ."
    assert _kind_of(text, 7, "ORG") == "Place"


def test_acronyms_give_groups_their_events(nlp) -> None:
    """The acronym of a group the gazetteer also knows as a town acts: its claim is a claim, not dropped
    for want of an actor, and it is no place of the attack."""
    ex = run(
        nlp,
        "The Arakan Balance Army (ABA) said on Monday that its fighters ambushed a police post in "
        "Sittwe. ABA claimed responsibility for the ambush, which killed six officers.",
    )
    (claim,) = [e for e in ex.events if e.type == "ClaimResponsibility"]
    assert [a.label for a in claim.roles["agent"]] == ["ABA"]
    assert claim.roles["agent"][0].kind == "Organization"
    places = {p.label for e in ex.events for p in e.roles.get("location", ())}
    assert places == {"Sittwe"}


def test_it_said_by_a_name_read_as_a_person_is_that_name(nlp) -> None:
    """ "it" is never a person: a group the NER reads as one ("al-Rashad") is what its clause's "it" means,
    not the nearer group named inside the relative clause."""
    text = ("A bomb hit a bridge in Kisa. On its website, al-Rashad - which has ties to the Tala Front -"
            " said it was behind the bombing.")
    found = list(extract_doc(nlp(text), Article("t", "t", text, date(2026, 3, 6))).events)
    claims = [e for e in found if e.type == "ClaimResponsibility"]
    assert [a.label for e in claims for a in e.roles["agent"]] == ["al-Rashad"]
    assert not [e for e in found if e.type == "Accuse"]


def test_a_title_before_of_stays_in_the_name() -> None:
    lex = load_lexicon()
    assert clean("the President of Chile", lex) == "President of Chile"
    assert clean("President Gabriel Boric", lex) == "Gabriel Boric"


def test_a_country_told_by_a_common_noun_can_be_blamed(nlp) -> None:
    text = "Officials in Velm accused the neighbouring nation of arming the raiders."
    (accusation,) = of_type(events(nlp, text), "Accuse")
    assert labels(accusation, "target") == {"neighbouring nation"}


def test_a_common_noun_of_no_party_is_still_no_accused(nlp) -> None:
    text = "The ministry in Velm blamed the weather for the collapse of the depot."
    for accusation in of_type(events(nlp, text), "Accuse"):
        assert labels(accusation, "target") == set()


def test_a_country_noun_with_the_country_named_is_that_country(nlp) -> None:
    text = "The minister accused the republic of Chad of arming the rebels."
    (accusation,) = of_type(events(nlp, text), "Accuse")
    assert labels(accusation, "target") == {"Chad"}


def test_a_peoples_word_before_a_description_leaves_the_whole_description(nlp) -> None:
    text = "A Ugandan militia spokesman dismissed the report that its men had burned the village of Tessit."
    ex = run(nlp, text)
    denial = next(e for e in ex.events if e.type == "Deny")
    assert [e.label for e in denial.role("agent")] == ["Ugandan militia spokesman"]


def test_fighters_named_by_their_camp_stand_for_no_state() -> None:
    lex = load_lexicon()
    rebels = Entity("sudanese rebel group", "Sudanese rebel group", "Group")
    army = Entity("sudanese army", "Sudanese army", "Organization")
    assert affiliation(army, lex) == {"Sudan"}
    assert "Sudan" not in affiliation(rebels, lex)
    assert "Sudan" in affiliation(rebels, lex, fighters_apart=False)


def test_a_groups_own_name_before_a_description_stays_the_agent(nlp) -> None:
    text = (
        "Gunmen bombed the depot in Kadugli. "
        "A Taliban military spokesman denied that its fighters had bombed it."
    )
    denial = next(e for e in run(nlp, text).events if e.type == "Deny")
    assert [e.label for e in denial.role("agent")] == ["Taliban"]
