"""Trigger detection and roles, sentence by sentence: each event type, voice, negation and modality."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract import extract_doc
from kg.model import Article, Event

PUBLISHED = date(2030, 6, 6)


def events(nlp, text: str) -> list[Event]:
    return list(extract_doc(nlp(text), Article("t", "t", text, PUBLISHED)).events)


def labels(event: Event, role: str) -> set[str]:
    return {e.label for e in event.role(role)}


def only(found: list[Event], kind: str) -> Event:
    matching = [e for e in found if e.type == kind]
    assert len(matching) == 1, [(e.type, e.trigger) for e in found]
    return matching[0]


def test_active_attack(nlp) -> None:
    attack = only(events(nlp, "Rebels from the Northern Front attacked a convoy near Gao."), "Attack")
    assert labels(attack, "agent") == {"Rebels"}
    assert labels(attack, "target") == {"convoy"}
    assert labels(attack, "location") == {"Gao"}


def test_passive_attack_with_by_agent(nlp) -> None:
    attack = only(events(nlp, "A convoy was ambushed near Gao by the Northern Front."), "Attack")
    assert labels(attack, "agent") == {"Northern Front"}
    assert labels(attack, "target") == {"convoy"}


def test_passive_killing_names_victim_place_and_agent(nlp) -> None:
    text = "Omar Haddad, a senior judge, was killed in Libya by a French drone in 2025."
    attack = only(events(nlp, text), "Attack")
    assert labels(attack, "target") == {"Omar Haddad"}
    assert labels(attack, "location") == {"Libya"}
    assert labels(attack, "agent") == {"French"} or labels(attack, "agent") == {"France"}
    assert attack.time == "2025"


@pytest.mark.parametrize(
    "text",
    [
        "The Northern Front did not attack the convoy.",
        "If the Northern Front attacks the convoy, the army will respond.",
        "The militia never claimed responsibility for the ambush.",
        "Officials said there was no reason to believe Ghana was behind the ambush.",
    ],
)
def test_negated_and_hypothetical_events_are_dropped(nlp, text: str) -> None:
    kinds = {e.type for e in events(nlp, text)}
    assert not kinds & {"ClaimResponsibility", "Accuse"}
    assert not any(e.type == "Attack" and e.role("agent") for e in events(nlp, text))


def test_claim_gives_the_attack_its_agent(nlp) -> None:
    found = events(nlp, "The Azure Brigades claimed responsibility for the ambush on the convoy near Gao.")
    claim, attack = only(found, "ClaimResponsibility"), only(found, "Attack")
    assert labels(claim, "agent") == {"Azure Brigades"}
    assert claim.about == attack.key
    assert labels(attack, "agent") == {"Azure Brigades"}


def test_claimed_lives_is_no_claim(nlp) -> None:
    found = events(nlp, "The blasts claimed 40 lives in the port city of Mombasa.")
    assert not [e for e in found if e.type == "ClaimResponsibility"]
    assert only(found, "Attack").killed == 40


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen raided a bank in Gao. The mayor claimed the rifles carried in the raid were stolen.",
        "Gunmen raided a bank in Gao. The bankers claimed that the robbery was hushed up after the raid.",
    ],
)
def test_claiming_something_said_of_the_attack_claims_no_attack(nlp, text: str) -> None:
    assert not [e for e in events(nlp, text) if e.type == "ClaimResponsibility"]


def test_claiming_a_toll_in_the_attack_claims_it(nlp) -> None:
    text = "Gunmen raided a bank in Gao. The Azure Brigades claimed that nine guards were killed in the raid."
    found = events(nlp, text)
    (claim,) = [e for e in found if e.type == "ClaimResponsibility"]
    assert labels(claim, "agent") == {"Azure Brigades"}


def test_one_condemnation_per_government(nlp) -> None:
    found = events(nlp, "The ambush drew condemnation from the governments of Ghana and Senegal.")
    condemners = sorted(next(iter(labels(e, "agent"))) for e in found if e.type == "Condemn")
    assert condemners == ["Ghana", "Senegal"]
    attack = only(found, "Attack")
    assert all(e.about == attack.key for e in found if e.type == "Condemn")


@pytest.mark.parametrize(
    ("text", "accuser", "accused"),
    [
        ("The mayor blamed the Azure Brigades for the ambush.", "mayor", "Azure Brigades"),
        ("The interior ministry accused Ghana of sheltering the gunmen.", "interior ministry", "Ghana"),
        ("The police pointed the finger at the Azure Brigades.", "police", "Azure Brigades"),
    ],
)
def test_accusations(nlp, text: str, accuser: str, accused: str) -> None:
    accusation = only(events(nlp, text), "Accuse")
    assert labels(accusation, "agent") == {accuser}
    assert labels(accusation, "target") == {accused}


def test_denial_of_involvement_is_about_the_attack(nlp) -> None:
    found = events(nlp, "A bombing struck Kano. The Azure Brigades denied any involvement in the bombing.")
    denial = only(found, "Deny")
    assert labels(denial, "agent") == {"Azure Brigades"}
    assert denial.about == only(found, "Attack").key


def test_denied_claim_is_a_denial_not_a_claim(nlp) -> None:
    found = events(nlp, "The Azure Brigades denied claiming the ambush.")
    assert not [e for e in found if e.type == "ClaimResponsibility"]
    assert labels(only(found, "Deny"), "agent") == {"Azure Brigades"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The army vowed revenge for the ambush.", "army"),
        ("President Lena Marsh warned of a strong retaliation.", "Lena Marsh"),
        ("Governor Ibrahim Sule said that retaliation would be carried out soon.", "Ibrahim Sule"),
    ],
)
def test_threats(nlp, text: str, speaker: str) -> None:
    assert labels(only(events(nlp, text), "Threaten"), "agent") == {speaker}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Rebels shelled a depot in Osko. Premier Dana Vell promised rebels a befitting reply.",
         "Dana Vell"),
        ("Rebels shelled a depot in Osko. President Lars Odin assured a commensurate response to the rebels.",
         "Lars Odin"),
    ],
)
def test_a_response_in_kind_is_a_threat_by_who_promises_it(nlp, text: str, speaker: str) -> None:
    found = events(nlp, text)
    threat = only(found, "Threaten")
    assert labels(threat, "agent") == {speaker}
    assert threat.about == only(found, "Attack").key


def test_a_retaliation_told_as_dealt_out_is_no_threat(nlp) -> None:
    text = "Rebels shelled a depot in Osko. The army gave a crushing reply to the rebels, killing six."
    assert not [e for e in events(nlp, text) if e.type == "Threaten"]


def test_a_harsh_reply_of_words_is_no_threat(nlp) -> None:
    text = "Premier Dana Vell gave a harsh reply to the reporters who asked her about the budget."
    assert not [e for e in events(nlp, text) if e.type == "Threaten"]


def test_a_plain_response_told_as_done_is_no_threat(nlp) -> None:
    text = "Rebels shelled a depot in Osko. The cabinet gave a swift response to questions from reporters."
    assert not [e for e in events(nlp, text) if e.type == "Threaten"]


def test_response_without_intent_is_no_threat(nlp) -> None:
    assert not [
        e for e in events(nlp, "In response to the raids, the talks were paused.") if e.type == "Threaten"
    ]


def test_protest_with_crowd_and_place(nlp) -> None:
    protest = only(events(nlp, "Thousands of students protested in Bamako against the ambush."), "Protest")
    assert labels(protest, "agent") == {"Thousands of students"}
    assert labels(protest, "location") == {"Bamako"}


def test_lemmatizer_slips_are_tolerated(nlp) -> None:
    attack = only(events(nlp, "Separatist fighters have staged raids within Niger."), "Attack")
    assert labels(attack, "agent") == {"Separatist fighters"}
    assert labels(attack, "location") == {"Niger"}


def test_evidence_points_into_the_text(nlp) -> None:
    text = "Calm returned on Monday.\n\nGunmen attacked a bus in Kaduna on Tuesday."
    attack = only(events(nlp, text), "Attack")
    evidence = attack.evidence
    assert (
        text[evidence.start : evidence.end]
        == evidence.sentence
        == "Gunmen attacked a bus in Kaduna on Tuesday."
    )
    assert 0 < evidence.confidence <= 1
    assert attack.time == "2030-06-04"


@pytest.mark.parametrize(
    ("text", "kind", "agent"),
    [
        ("A suicide bomber blew himself up at a checkpoint in Kabul.", "Attack", "suicide bomber"),
        ("The Red Hand took responsibility for the ambush.", "ClaimResponsibility", "Red Hand"),
        ("Demonstrators in their thousands took to the streets of Khartoum.", "Protest", "Demonstrators"),
        ("Protesters gathered outside the embassy in Nairobi.", "Protest", "Protesters"),
        ("Gunmen kidnapped 20 students from a school in Zamfara.", "Attack", "Gunmen"),
    ],
)
def test_multiword_and_self_naming_triggers(nlp, text: str, kind: str, agent: str) -> None:
    assert labels(only(events(nlp, text), kind), "agent") == {agent}


def test_place_inside_a_target_is_no_location(nlp) -> None:
    attack = only(events(nlp, "Rebels shelled a Malian army base in Niger on Friday."), "Attack")
    assert "Mali" not in labels(attack, "location")
    assert labels(attack, "location") == {"Niger"}


def test_being_behind_an_attack_is_an_accusation_by_the_speaker(nlp) -> None:
    found = events(nlp, "A drone strike hit Kano. The mayor said the Crimson Hand was behind the strike.")
    accusation = only(found, "Accuse")
    assert labels(accusation, "agent") == {"mayor"}
    assert labels(accusation, "target") == {"Crimson Hand"}
    assert accusation.about == only(found, "Attack").key


def test_saying_it_was_behind_an_attack_is_a_claim(nlp) -> None:
    found = events(nlp, "The Crimson Hand said it was behind the bombing in Kano.")
    assert not [e for e in found if e.type == "Accuse"]
    assert labels(only(found, "ClaimResponsibility"), "agent") == {"Crimson Hand"}


def test_no_evidence_that_someone_was_behind_it_accuses_no_one(nlp) -> None:
    assert not [
        e
        for e in events(nlp, "Officials saw no evidence that Ghana was behind the raid.")
        if e.type == "Accuse"
    ]


def test_a_capital_speaks_for_its_country(nlp) -> None:
    threat = only(events(nlp, "Nairobi vowed to avenge the killings."), "Threaten")
    assert labels(threat, "agent") == {"Kenya"}
    assert threat.role("agent")[0].kind == "Country"


def test_announcing_that_strikes_will_continue_is_a_threat(nlp) -> None:
    found = events(nlp, "The commander said the raids against the Crimson Hand would continue.")
    threat = only(found, "Threaten")
    assert labels(threat, "agent") == {"commander"}
    assert labels(threat, "target") == {"Crimson Hand"}
    assert threat.about == only(found, "Attack").key
    assert not [
        e for e in events(nlp, "The raids against the Crimson Hand continued.") if e.type == "Threaten"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Raiders murdered two ferrymen on the quay at Varn on Sunday.",
        "Gunmen slew four herders outside Varn at dawn.",
        "A militia slaughtered the villagers of Varn in their fields.",
        "The slaying of the Varn harbourmaster shocked the coast.",
    ],
)
def test_verbs_and_nouns_of_murder_are_attacks(nlp, text: str) -> None:
    only(events(nlp, text), "Attack")


def test_a_verb_of_attack_said_again_between_dashes_is_one_attack(nlp) -> None:
    found = events(nlp, "Four ferrymen were shot — murdered — on the Varn quay at dawn.")
    attack = only(found, "Attack")
    assert labels(attack, "target") == {"Four ferrymen"}


def test_a_coordinated_or_participle_verb_is_no_restatement(nlp) -> None:
    from kg.extract.lexicon import load_lexicon
    from kg.extract.triggers import find_triggers, phrase_matcher

    texts = ("Smugglers shot and murdered four ferrymen at Varn.", "Smugglers raided the quay, killing two.")
    for text in texts:
        doc = nlp(text)
        lex = load_lexicon()
        found = find_triggers(doc[:], lex, phrase_matcher(nlp.vocab, lex))
        assert [len(t.anchors) for t in found if t.type == "Attack"] == [1, 1], text


@pytest.mark.parametrize(
    "text",
    [
        "The Varn Front said in a statement that its fighters had not murdered the ferrymen.",
        "Elders of Varn told reporters that they were attacked by the Varn Front on Sunday.",
    ],
)
def test_a_speaker_denying_its_deed_or_struck_claims_nothing(nlp, text: str) -> None:
    assert not [e for e in events(nlp, text) if e.type == "ClaimResponsibility"]


def test_a_group_saying_its_fighters_struck_still_claims(nlp) -> None:
    only(events(nlp, "The Varn Front said in a statement that its fighters had murdered the ferrymen."),
         "ClaimResponsibility")


@pytest.mark.parametrize(
    "text",
    [
        "A young marcher told reporters they were shooting at the crowd in Tessit.",
        "Police official Omar Tane told reporters that we fired back at the gunmen near Tessit.",
    ],
)
def test_a_lone_witness_or_a_titled_state_speaker_claims_nothing(nlp, text: str) -> None:
    assert not [e for e in events(nlp, text) if e.type == "ClaimResponsibility"]


@pytest.mark.parametrize(
    "text",
    [
        "Police said he had fired on the worshippers leaving a chapel in Tessit.",
        "Witnesses said he fired into the crowd at the market in Tessit.",
        "The Tala Front said it would attack the army base near Tessit.",
        "The prime minister told reporters she would order strikes on the rebel camps near Tessit.",
    ],
)
def test_a_bodys_he_or_a_strike_to_come_claims_nothing(nlp, text: str) -> None:
    assert not [e for e in events(nlp, text) if e.type == "ClaimResponsibility"]


def test_a_leader_saying_she_ordered_the_strikes_claims_them(nlp) -> None:
    text = "The minister said she had ordered the air strikes on the camp near Tessit."
    assert labels(only(events(nlp, text), "ClaimResponsibility"), "agent") == {"minister"}


def test_a_state_saying_it_struck_itself_claims_but_not_of_its_forces(nlp) -> None:
    text = "The Velmari army announced on Sunday it had shelled the rebel camp near Tessit."
    claim = only(events(nlp, text), "ClaimResponsibility")
    assert labels(claim, "agent") == {"Velmari army"}
    told = events(nlp, "The Velmari army said its troops had shelled the rebel camp near Tessit.")
    assert not [e for e in told if e.type == "ClaimResponsibility"]


def test_the_phrase_matcher_is_run_only_where_a_phrase_may_match(nlp) -> None:
    """A sentence lacking a lemma of every phrase skips the matcher; one with them all is matched."""
    from kg.extract.lexicon import load_lexicon
    from kg.extract.triggers import find_triggers, phrase_matcher

    lex = load_lexicon()
    matcher = phrase_matcher(nlp.vocab, lex)
    assert not matcher.may_match({"rebel", "attack", "convoy"})
    assert matcher.may_match({"they", "open", "fire"})
    assert not matcher.may_match(set())
    doc = nlp("Gunmen opened fire on a bus near Varn.")
    assert [(t.type, t.text) for t in find_triggers(doc[:], lex, matcher)] == [("Attack", "opened")]


@pytest.mark.parametrize(
    "text",
    [
        "The Crimson Hand made claims that Velmar Front gunmen carried out the raid near Tessit.",
        "The governor claimed without proof that Iranian agents were preparing an attack on the province.",
    ],
)
def test_claiming_what_another_party_did_claims_no_attack(nlp, text: str) -> None:
    assert not [e for e in events(nlp, text) if e.type == "ClaimResponsibility"]
