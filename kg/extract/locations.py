"""Event places: the places a sentence names (NER, gazetteer, facilities, "the city") and the attack
or protest each belongs to."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.attach import PLACE_CLIMB, reaches
from kg.extract.cache import sentence_tokens, span_ents
from kg.extract.compass import compass_parts, country_or_part
from kg.extract.dates import months, weekdays
from kg.extract.entities import demonym_country
from kg.extract.evolve import replace
from kg.extract.lexicon import Lexicon, first_in
from kg.extract.refs import DATELINE_REF, PLACE_LABELS, SAME_PLACE_REF, Ref, taken_by
from kg.extract.rules import check
from kg.extract.trace import record_refs, record_tokens
from kg.extract.triggers import Trigger
from kg.gazetteer import capital_of, is_country, lookup_place, regions_named

NAME_LABELS = frozenset({"ORG", "PERSON"})
LOCATED_TYPES = frozenset({"Attack", "Protest"})


@check("place_spans")
def _place_spans(sentence: Span, lex: Lexicon) -> list[Ref]:
    """Places named in a sentence: NER places, and gazetteer names the NER mislabels or misses."""
    spans = []
    preps = set(lex.roles["location_preps"])
    place_nouns = lex.cue("place_nouns")
    for ent in span_ents(sentence):
        if any(t.lower_ in weekdays() or t.lower_ in months() for t in ent):
            continue  # "Easter Sunday" read as a facility
        after_prep = (
            ent.root.dep_ == "pobj"
            and ent.root.head.lower_ in preps
            or ent.root.dep_ == "conj"
            and ent.root.head.ent_type_ in PLACE_LABELS  # "in Kano, Kaduna and <a place read as a name>"
        )
        of_place = ent.root.dep_ in {"poss", "compound"} and ent.root.head.lemma_.lower() in place_nouns
        mislabeled = ent.label_ in {"NORP", "ORG"} or after_prep or of_place  # "Mali's Gao region"
        facility = _facility(ent, lex)
        town_facility = _town_facility(ent, lex)
        if town_facility is not None:
            spans.append(town_facility)
        elif ent.label_ == "NORP" and ent.root.dep_ == "amod" and ent.root.head.lemma_.lower() in place_nouns:
            spans += taken_by(_national_place(ent, lex), "location.national_place")
        elif facility is not None:
            spans.append(replace(facility, rule="location.facility"))
        elif ent.label_ in PLACE_LABELS or mislabeled and lookup_place(ent.text):
            label = "GPE" if lookup_place(ent.text) else ent.label_
            rule = "location.named_place" if ent.label_ in PLACE_LABELS else "location.gazetteer_name"
            spans.append(Ref(ent.start, ent.end, ent.text, label, rule))
        elif of_place and ent.label_ in NAME_LABELS and first_in(ent.root.head, lex.cue("region_nouns")):
            spans.append(
                Ref(ent.start, ent.end, ent.text, "LOC", "location.region_name")
            )  # "al-Bayda province"
    spans = compass_parts(_joined_names(spans, sentence.doc), sentence, lex)
    same = [token for token in sentence_tokens(sentence) if _same_place(token, lex)]
    spans += [Ref(token.i, token.i + 1, token.text, SAME_PLACE_REF, "location.same_place") for token in same]
    dateline_nouns = lex.roles["dateline_nouns"]
    spans += [
        Ref(token.i, token.i + 1, token.text, DATELINE_REF, "location.dateline_noun")
        for token in sentence_tokens(sentence)
        if token.lemma_.lower() in dateline_nouns and _unnamed_definite(token) and token not in same
    ]
    covered = {i for r in spans for i in range(r.start, r.end)}
    for token in sentence_tokens(sentence):
        if (
            token.pos_ == "PROPN"
            and token.i not in covered  # "Kabul's Hamid Karzai International Airport" is one place
            and not token.ent_type_
            and token.text[:1].isupper()
            and lookup_place(token.text)
        ):
            spans.append(Ref(token.i, token.i + 1, token.text, "GPE", "location.untagged_name"))
    return spans


@check("joined_name")
def _joined_names(spans: list[Ref], doc) -> list[Ref]:
    """A place followed by "and" and up to three more words (capitalised, or "the") that with it make the
    name of one country or first-level region the gazetteer knows ("Jammu and Kashmir", "Trinidad and
    Tobago", "Saint Vincent and the Grenadines"), which the tagger cut in two or read in part as a name, is
    that one place; the pieces are no places of their own."""
    joined = []
    for ref in sorted(spans, key=lambda r: r.start):
        if joined and ref.start < joined[-1].end:
            continue  # a piece of the joined name
        end = _joined_end(ref, doc) if ref.label in PLACE_LABELS else None
        text = doc[ref.start : end].text if end is not None else ""
        joined.append(Ref(ref.start, end, text, "GPE", "location.joined_name") if end is not None else ref)
    return joined


def _joined_end(place: Ref, doc) -> int | None:
    """Where the country or region name that ``place`` starts with "... and ..." ends, if it is one."""
    if place.end >= len(doc) or doc[place.end].lower_ != "and":
        return None
    for end in range(place.end + 2, min(place.end + 5, len(doc)) + 1):
        word = doc[end - 1]
        if not (word.text[:1].isupper() or word.lower_ == "the") or word.is_sent_start:
            return None
        name = doc[place.start : end].text
        if is_country(name) or regions_named(name):
            return end
    return None


def _national_place(ent: Span, lex: Lexicon) -> list[Ref]:
    """A people's adjective on a place noun: "the Somali capital" is the capital city, "a Nigerian village"
    is in the country."""
    country = demonym_country(ent.text, lex)
    if country is None:
        return []
    head = ent.root.head
    capital = capital_of(country) if head.lemma_.lower() in lex.cue("capital_nouns") else None
    if capital is not None:
        return [Ref(ent.start, head.i + 1, capital, "GPE")]
    return [Ref(ent.start, ent.end, ent.text, "NORP")]


def _facility(ent: Span, lex: Lexicon) -> Ref | None:
    """A name the NER reads as a person or group but a facility noun makes a place: "the Harun Bey air
    base", "Camp Harlow" (the noun inside or just before the name), as one span with that noun."""
    if ent.label_ not in lex.cue("facility_name_labels"):
        return None
    nouns = lex.cue("facility_nouns")
    doc = ent.doc
    start, end = ent.start, ent.end
    if ent.root.dep_ == "compound" and ent.root.head.i >= ent.end and ent.root.head.lemma_.lower() in nouns:
        end = ent.root.head.i + 1
    elif start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ in nouns:
        start -= 1
    elif ent[0].lower_ not in nouns:
        return None
    while doc[start].dep_ == "det" and start < end - 1:
        start += 1
    return Ref(start, end, doc[start:end].text, "FAC")


def _town_facility(ent: Span, lex: Lexicon) -> Ref | None:
    """A town naming a facility it has ("the Kabul airport", "Aden's port", "Gao's Camp X") is one place
    with the facility noun: the airport, not the whole town, and still in that town."""
    head = ent.root.head
    if (
        ent.label_ != "GPE"
        or ent.root.dep_ not in {"compound", "poss"}
        or head.i < ent.end
        or head.lemma_.lower() not in lex.cue("facility_nouns")
        or (geo := lookup_place(ent.text)) is None
        or geo.feature == "country"
    ):
        return None
    between = ent.doc[ent.end : head.i]
    if not all(
        t.dep_ in {"compound", "case", "amod"} and t.head.i == head.i or t.dep_ == "case" for t in between
    ):
        return None
    return Ref(ent.start, head.i + 1, ent.doc[ent.start : head.i + 1].text, "FAC", "location.town_facility")


def _site_of(root: Token, ref: Ref, struck: dict[int, tuple[int, bool]]) -> int | None:
    """The attack whose struck place a name modifies: a town owning it ("Kabul's central market") or any
    place, a people's adjective included, describing a place noun ("a Nigerian village")."""
    if root.dep_ not in {"poss", "amod", "compound", "nmod"} or root.head.i not in struck:
        return None
    owner, place_noun = struck[root.head.i]
    town = not is_country(ref.text) and ref.label in PLACE_LABELS
    return owner if place_noun or town and root.dep_ == "poss" else None


def _named_after_of(root: Token) -> Token | None:
    """The place noun a name is given after "of" for, itself or as joined to such a name ("the towns of
    Orvo and Tesk"), else None."""
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.dep_ != "prep":
        return None
    noun = root.head.head
    return noun if noun.i == root.head.i - 1 and noun.is_lower else None


@check("area_struck")
def _area_struck(root: Token, anchors: dict[int, int], lex: Lexicon) -> int | None:
    """The attack that hit a town or region named after "of" ("shelled the town of Tala", "the province of
    Orvo was raided"): the area noun, its object or its passive subject, says where it was (target.place_hit
    drops it as a target)."""
    noun = _named_after_of(root)
    if noun is None or noun.lemma_.lower() not in lex.roles["area_nouns"]:
        return None
    if noun.dep_ not in {"dobj", "nsubjpass"}:
        return None
    return anchors.get(noun.head.i)


@check("target_in")
def _target_in(
    root: Token, struck: dict[int, tuple[int, bool]], anchors: dict[int, int], lex: Lexicon
) -> int | None:
    """The attack whose struck thing a place preposition locates ("raided a clinic in Tala", "the raid on
    a chapel near Gao"): the thing was struck where it stands. A place owning or naming the thing ("Iran's
    parliament", "a US base") is left to the rules of whose it is; so is a struck thing that is an event
    word itself ("grenades hurled at a rally in X": the rally's place)."""
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in lex.roles["location_preps"]:
        return None
    if prep.head.i in anchors:
        return None
    hit = struck.get(prep.head.i)
    return hit[0] if hit is not None else None


def _names_event_place(root: Token, anchors: dict[int, int], ref: Ref, lex: Lexicon) -> bool:
    """A town compounded with an event word is where it happened ("the Kandahar bombing"); a country so
    compounded is the side that struck in a military operation ("a US strike"), else the place too ("the
    Tunisia attack", "the Kuwait bombing")."""
    if root.dep_ not in {"compound", "nmod"} or root.head.i not in anchors:
        return False
    geo = lookup_place(ref.text)
    town = geo is not None and geo.feature != "country" or ref.label in {"LOC", "FAC"}
    if is_country(ref.text):
        return not first_in(root.head, lex.cue("state_operation_nouns"))
    return town


def _same_place(token: Token, lex: Lexicon) -> bool:
    """ "in the same city", "the same province": a place noun pointing back to the place named before."""
    return token.lemma_.lower() in lex.cue("place_nouns") and any(
        c.dep_ == "amod" and c.lower_ in lex.cue("same_words") for c in token.children
    )


def _describes_thing(root: Token, lex: Lexicon) -> bool:
    """A place name compounded with a noun that is no place ("a US base") says whose it is."""
    head = root.head
    return (
        root.dep_ in {"compound", "nmod"}
        and head.lemma_.lower() not in lex.cue("place_nouns")
        and head.ent_type_ not in PLACE_LABELS
        and head.pos_ == "NOUN"
    )


def _unnamed_definite(token: Token) -> bool:
    """ "the city", "the capital's streets": a place noun the reader resolves to the dateline's place."""
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    named = any(
        c.dep_ in {"compound", "appos", "prep", "nmod", "amod"}
        and (c.pos_ == "PROPN" or c.ent_type_ or c.lower_ == "of")
        for c in token.children
    )
    return definite and not named


@check("event_places")
def event_places(
    sentence: Span,
    anchors: dict[int, int],
    triggers: list[Trigger],
    roles: list[tuple[list[Ref], list[Ref]]],
    lex: Lexicon,
) -> dict[int, list[Ref]]:
    """Trigger index → the places of the sentence that say where that attack or protest was."""
    doc = sentence.doc
    places: dict[int, list[Ref]] = {}
    taken = {i for agents, targets in roles for r in agents + targets for i in range(r.start, r.end)}
    struck = {
        doc[r.head].i: (n, bool(first_in(doc[r.head], lex.cue("place_nouns"))))
        for n, (_, targets) in enumerate(roles)
        if triggers[n].type == "Attack"
        for r in targets
    }
    owned: list[tuple[Ref, int]] = []
    for ref in _place_spans(sentence, lex):
        record_tokens("candidate", ref.rule, doc, ref.start, ref.end, role="location")
        owner, rule = _owner_of(ref, doc, anchors, struck, taken, lex)
        where = _where_clause(ref, doc, anchors, triggers)
        if where is not None and where != owner:
            record_tokens("candidate", "location.where_clause", doc, ref.start, ref.end, role="location")
            owned.append((replace(ref, rule="location.where_clause"), where))
        if owner is not None and triggers[owner].type not in LOCATED_TYPES:
            deed = _deed_of_participle(doc[triggers[owner].token], triggers[owner], anchors, triggers)
            if deed is not None:
                owner, rule = deed, "location.past_participle_deed"
        if owner is None:
            record_tokens("rejected_argument", rule, doc, ref.start, ref.end, role="location")
        elif triggers[owner].type not in LOCATED_TYPES:
            record_refs(
                "rejected_argument", [ref], doc, triggers[owner], "location", "location.unplaced_type"
            )
        else:
            owned.append((replace(ref, rule=rule), owner))
    for place, owner in owned:
        if _situates(place, [q for q, o in owned if o == owner and q is not place], doc, anchors, lex):
            record_refs(
                "rejected_argument", [place], doc, triggers[owner], "location", "location.situates_place"
            )
        else:
            record_refs("argument", [place], doc, triggers[owner], "location")
            places.setdefault(owner, []).append(place)
    return places


CHARGE_TYPES = frozenset({"ClaimResponsibility", "Accuse"})
"""The reactions a participle on the deed tells without a place of their own ("claimed by", "blamed on")."""


@check("past_participle_deed")
def _deed_of_participle(
    verb: Token, told: Trigger, anchors: dict[int, int], triggers: list[Trigger]
) -> int | None:
    """A claim or a charge told by a participle right on an attack or protest noun ("an attack claimed by
    the Taliban in Kabul", "the bombing blamed on rebels in Tala"): a claim has no place, so the place is
    the deed's. Not a participle set off by a comma, which may tell where the reaction was made ("the
    bombing, condemned by the UN in Geneva"), nor a condemnation, denial or threat."""
    if told.type not in CHARGE_TYPES or verb.dep_ != "acl" or verb.tag_ != "VBN":
        return None
    if verb.head.i not in anchors or verb.i > 0 and verb.doc[verb.i - 1].is_punct:
        return None
    deed = anchors[verb.head.i]
    return deed if triggers[deed].type in LOCATED_TYPES else None


@check("where_clause")
def _where_clause(ref: Ref, doc, anchors: dict[int, int], triggers: list[Trigger]) -> int | None:
    """The attack or protest told in a relative clause opened by "where" on a place ("in Tala, where
    rebels shelled a clinic", "its stronghold in the north, where it has massacred villagers") is there."""
    for token in doc[ref.start : ref.end]:
        for clause in token.children:
            if (
                clause.dep_ == "relcl"
                and clause.i in anchors
                and triggers[anchors[clause.i]].type in LOCATED_TYPES
                and any(c.dep_ == "advmod" and c.lower_ == "where" for c in clause.children)
            ):
                return anchors[clause.i]
    return None


@check("situates_place")
def _situates(place: Ref, others: list[Ref], doc, anchors: dict[int, int], lex: Lexicon) -> bool:
    """A place that only says where another place of the same event lies ("in Tarn, near Lyon", "the town
    of Tarn, in Ardeche province", "in Tarn, a market town in the heart of Ardeche") is no place of the
    event: its phrase hangs from that place, or follows it set off by a comma. Places in a list ("in Tarn,
    Lyon and Nimes") each stay."""
    if place.label not in {"GPE", "LOC"} or country_or_part(place.text, lex):
        return False  # a country (or a part of one) around a town is dropped later (location.most_specific)
    heads: set[int] = set()
    for other in others:
        if other.label not in {"GPE", "LOC"} or country_or_part(other.text, lex):
            continue
        heads.update(range(other.start, other.end))
        root = doc[other.start : other.end].root
        if (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and first_in(root.head.head, lex.cue("place_nouns"))
        ):
            heads.update({root.head.i, root.head.head.i})  # "the town of Tarn": the town is Tarn
    if not heads:
        return False
    node = doc[place.start : place.end].root
    if node.dep_ in {"compound", "amod", "poss", "nmod"} and node.head.i in heads:
        return True  # "the Mediterranean city of Nice", "Kashmir's scenic region of Pahalgam"
    if node.dep_ == "compound" and first_in(node.head, lex.cue("place_nouns")):
        node = node.head  # "of Borno state"
    while node.dep_ == "conj" and node.head is not node:
        node = node.head  # "in Pahalgam, Jammu and Kashmir": Kashmir situates as Jammu does
    for _ in range(PLACE_CLIMB if node.dep_ in {"pobj", "appos"} else 0):  # "Kabul's airport": a name
        if node.dep_ == "conj" or node.head is node or node.head.i in anchors:
            break
        node = node.head
        if node.i in heads:
            return True
    prep = next((t for t in doc[place.start : place.end].root.ancestors if t.dep_ == "prep"), None)
    return (
        prep is not None
        and prep.i < place.start
        and prep.dep_ != "conj"
        and not any(c.dep_ in {"cc", "conj"} for c in prep.children)  # "in X, in Y and in Z": a list
        and all(t.dep_ in {"det", "amod", "compound"} for t in doc[prep.i + 1 : place.start])
        and prep.i >= 2
        and doc[prep.i - 1].text == ","
        and prep.i - 2 in heads
    )


@check("place_owner")
def _owner_of(
    ref: Ref,
    doc,
    anchors: dict[int, int],
    struck: dict[int, tuple[int, bool]],
    taken: set[int],
    lex: Lexicon,
) -> tuple[int | None, str]:
    """The trigger a place belongs to and the rule that attached it, or None and the rule that refused."""
    root = doc[ref.start : ref.end].root
    event_place = _names_event_place(root, anchors, ref, lex)
    site = _site_of(root, ref, struck)
    if site is None and ref.rule == "location.town_facility" and root.i in struck:
        site = struck[root.i][0]  # "attacked the Kandahar prison": the prison in Kandahar
    if site is not None:
        return site, "location.site_of"  # "Kabul's central market", "a Nigerian village"
    inside_target = _target_in(root, struck, anchors, lex)
    if inside_target is not None:
        return inside_target, "location.target_in"  # "the raid on a clinic in Tala"
    area = _area_struck(root, anchors, lex)
    if area is not None:
        return area, "location.area_struck"  # "shelled the town of Tala"
    if any(i in taken for i in range(ref.start, ref.end)) and not event_place:
        return None, "location.modifies_argument"  # "a US military base", "Iran's parliament"
    inside = [anchors[i] for i in range(ref.start, ref.end) if i in anchors]
    if inside:
        return inside[0], "location.event_compound"  # the place is among the event's own words
    if event_place:
        return anchors[root.head.i], "location.event_compound"  # "the Kandahar bombing"
    if _describes_thing(root, lex):
        return None, "location.describes_thing"  # "at a US military base in Jordan": the place is Jordan
    via: list[str] = []
    owner = reaches(root, anchors, frozenset(lex.roles["location_preps"]), False, lex, via)
    if owner is None and (hit := _hit_by_subject(root, anchors, lex)) is not None:
        return hit, "location.hit_by_subject"  # "explosions rocked the Aden airport"
    if owner is None:
        return None, "location.unattached"
    return owner, "location.circumstance_clause" if via else "location.attached"


@check("hit_by_subject")
def _hit_by_subject(root: Token, anchors: dict[int, int], lex: Lexicon) -> int | None:
    """A place that is the object of an event predicate whose subject is an attack word ("a blast rocked
    the Kano market", "a wave of bombings shook Baghdad") is where that attack was ("the killing brought
    the United States to the brink" places nothing)."""
    verb = root.head
    if root.dep_ != "dobj" or verb.pos_ != "VERB" or not first_in(verb, lex.cue("event_predicates")):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    subjects += [
        o for c in subjects for p in c.children if p.lower_ == "of" for o in p.children
    ]  # "a wave of"
    found = [c for c in subjects if c.i in anchors]
    return anchors[found[0].i] if found else None
