"""Extraction rules as named data: ``kg/data/rules.yaml`` names every rule that makes an event, links an
argument, merges mentions or rejects a candidate, with a stable dotted id (``agent.passive_by``).

A rule is carried out either by its ``pattern`` — a spaCy ``DependencyMatcher`` pattern whose nodes
``trigger`` and ``filler`` give the argument read from a trigger (see :func:`pattern_fillers`) — or by
the Python predicate registered under its ``check`` name with :func:`check`, where a pattern cannot say
it. Each rule carries invented example sentences: run through extraction, the rule must be seen in the
trace on each of its ``fires`` sentences and never on a ``silent`` one (``tests/test_extract_rules.py``).

Loading fails with the file and the rule id when a rule names an unknown predicate, its pattern is
malformed, a predicate has no rule, or an entry misses a field.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any, TypeVar

import yaml
from spacy.attrs import HEAD
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.datafiles import parse_yaml
from kg.errors import ExtractionError
from kg.extract.cache import doc_tokens

RULES_FILE = "kg/data/rules.yaml"
KINDS = ("event", "argument", "merge", "reject")
ID = re.compile(r"[a-z]+(\.[a-z_]+)+")
F = TypeVar("F", bound=Callable[..., Any])

CHECKS: dict[str, Callable[..., Any]] = {}
"""Predicate name → the function that carries out a rule no pattern can say."""


def check(name: str) -> Callable[[F], F]:
    """Register ``fn`` as the predicate of the rule ``name`` (its id in ``rules.yaml``)."""

    def register(fn: F) -> F:
        if name in CHECKS and CHECKS[name] is not fn:
            raise ExtractionError(f"two predicates registered as {name!r}: {CHECKS[name].__qualname__}, {fn}")
        CHECKS[name] = fn
        fn.rule = name  # type: ignore[attr-defined]
        return fn

    return register


@dataclass(frozen=True)
class Rule:
    """One named rule: what it ``does`` (one of :data:`KINDS`), for which ``role``, in words (``says``)."""

    id: str
    does: str
    says: str
    role: str | None
    check: str | None
    pattern: tuple[dict[str, Any], ...] | None
    specs: tuple[str, ...]
    fires: tuple[str | dict[str, str], ...]
    silent: tuple[str | dict[str, str], ...]


def _fail(rule: str, reason: str) -> ExtractionError:
    return ExtractionError(f"{RULES_FILE}: rule {rule}: {reason}")


def parse_rules(data: Any, vocab: Vocab | None = None) -> dict[str, Rule]:
    """Validated rules from the parsed YAML; every pattern is compiled once to prove it well formed."""
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ExtractionError(f"{RULES_FILE}: expected a mapping with a list under 'rules'")
    matcher = DependencyMatcher(vocab or Vocab())
    rules: dict[str, Rule] = {}
    for n, entry in enumerate(data["rules"]):
        rid = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(rid, str) or not ID.fullmatch(rid):
            raise _fail(f"#{n + 1}", f"needs a dotted lowercase id (like agent.passive_by), got {rid!r}")
        if rid in rules:
            raise _fail(rid, "defined twice")
        unknown = set(entry) - {"id", "does", "says", "role", "check", "pattern", "specs", "fires", "silent"}
        if unknown:
            raise _fail(rid, f"unknown field(s) {', '.join(sorted(unknown))}")
        if entry.get("does") not in KINDS:
            raise _fail(rid, f"'does' must be one of {', '.join(KINDS)}, got {entry.get('does')!r}")
        if not isinstance(entry.get("says"), str) or not entry["says"].strip():
            raise _fail(rid, "needs 'says': what the rule does, in words")
        if ("check" in entry) == ("pattern" in entry):
            raise _fail(rid, "needs exactly one of 'check' (a registered predicate) or 'pattern'")
        if "check" in entry and entry["check"] not in CHECKS:
            raise _fail(rid, f"names unknown predicate {entry['check']!r}")
        pattern = entry.get("pattern")
        if pattern is not None:
            _compile(rid, pattern, matcher)
        fires, silent = entry.get("fires"), entry.get("silent")
        if not _sentences(fires) or not _sentences(silent):
            raise _fail(rid, "needs 'fires' and 'silent': non-empty lists of example sentences")
        rules[rid] = Rule(
            id=rid,
            does=entry["does"],
            says=" ".join(entry["says"].split()),
            role=entry.get("role"),
            check=entry.get("check"),
            pattern=tuple(pattern) if pattern is not None else None,
            specs=tuple(entry.get("specs", ())),
            fires=tuple(fires),
            silent=tuple(silent),
        )
    orphans = sorted(set(CHECKS) - {r.check for r in rules.values()})
    if orphans:
        raise ExtractionError(
            f"{RULES_FILE}: predicates registered in code without a rule: {', '.join(orphans)}"
        )
    return rules


def _sentences(value: Any) -> bool:
    """A non-empty list of examples: each a text, or a mapping with the ``text`` and a ``title``."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(
            isinstance(s, str)
            and s.strip()
            or isinstance(s, dict)
            and set(s) == {"title", "text"}
            and all(isinstance(v, str) for v in s.values())
            for s in value
        )
    )


def _compile(rid: str, pattern: Any, matcher: DependencyMatcher) -> None:
    if not isinstance(pattern, list) or not all(isinstance(node, dict) for node in pattern):
        raise _fail(rid, "'pattern' must be a list of DependencyMatcher nodes (mappings)")
    names = [node.get("RIGHT_ID") for node in pattern]
    if names[:1] != ["trigger"] or "filler" not in names:
        raise _fail(rid, "a pattern starts at the node 'trigger' and names a node 'filler'")
    try:
        matcher.add(rid, [pattern])
    except (ValueError, KeyError, TypeError) as exc:
        raise _fail(rid, f"malformed pattern: {' '.join(str(exc).split())}") from exc


def _import_checks() -> None:
    """The modules that register predicates (imported here so the registry is complete when loading)."""
    from kg.extract import document  # noqa: F401  (imports every extraction module)


@functools.cache
def load_rules() -> dict[str, Rule]:
    """The rules of ``kg/data/rules.yaml``, read and validated once per process."""
    _import_checks()
    path = resources.files("kg.data").joinpath("rules.yaml")
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ExtractionError(f"{RULES_FILE} cannot be read: {exc}") from exc
    rules = parse_rules(data)
    _check_specs(rules)
    return rules


def _check_specs(rules: dict[str, Rule]) -> None:
    """Every dependency spec of ``roles.yaml`` is read by rules of this file."""
    from kg.extract.lexicon import load_lexicon
    from kg.extract.specs import spec_rule_ids

    roles = load_lexicon().roles
    found: list[tuple[str, str]] = []
    for groups in (roles["default"], *roles["types"].values()):
        for by_role in groups.values():
            found += [(role, spec) for role, specs in by_role.items() for spec in specs]
    for verbs in roles["support"].values():
        found += [("agent", spec) for specs in verbs.values() for spec in specs]
    for words in roles.get("lemma_roles", {}).values():
        found += [
            (role, spec) for by_role in words.values() for role, specs in by_role.items() for spec in specs
        ]
    for role, spec in found:
        missing = [rid for rid in spec_rule_ids(spec, role) if rid not in rules]
        if missing:
            raise ExtractionError(
                f"kg/data/roles.yaml: the {role} spec {spec!r} needs rule {missing[0]} in {RULES_FILE}"
            )


@functools.cache
def spec_rules(role: str) -> dict[str, str]:
    """Role spec kind of ``roles.yaml`` (``nsubj``, ``prep``, ...) → the id of the rule that reads it."""
    return {spec: r.id for r in load_rules().values() if r.role == role for spec in r.specs}


TOKEN_ATTRS = {
    "DEP": "dep_",
    "ENT_TYPE": "ent_type_",
    "POS": "pos_",
    "TAG": "tag_",
    "LEMMA": "lemma_",
    "LOWER": "lower_",
    "ORTH": "orth_",
    "TEXT": "text",
}
"""Token attributes a chain's node may test when it is walked in Python (:func:`_node_test`)."""

NodeTest = tuple[tuple[str, frozenset[str], bool], ...]
"""(token attribute, strings, whether the value must be among them) for each attribute of a node."""


def _node_test(attrs: dict[str, Any]) -> NodeTest | None:
    """The Matcher's test of a node's ``RIGHT_ATTRS`` as (attribute, values, IN?) triples: a string is a
    value of its own, ``IN`` and ``NOT_IN`` lists of strings; None for anything else (the pattern is then
    left to spaCy's ``DependencyMatcher``)."""
    tests = []
    for key, want in attrs.items():
        attr = TOKEN_ATTRS.get(key)
        if attr is None:
            return None
        if isinstance(want, str):
            tests.append((attr, frozenset((want,)), True))
            continue
        if not isinstance(want, dict) or not want or not set(want) <= {"IN", "NOT_IN"}:
            return None
        for op, values in want.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                return None
            tests.append((attr, frozenset(values), op == "IN"))
    return tuple(tests)


def _passes(token: Token, test: NodeTest) -> bool:
    return all((getattr(token, attr) in values) is inside for attr, values, inside in test)


@dataclass(frozen=True)
class Chain:
    """An upward chain (:func:`up_to_the_trigger`) walked in Python: the filler's test, then each head's
    test in turn; the trigger is the head of the last. ``link`` is the node's place in the chain or -1."""

    rule: str
    tests: tuple[NodeTest, ...]
    link: int


Where = tuple[str, int, int, int]
"""A pattern left to the ``DependencyMatcher``: its rule and its nodes trigger (-1: the head of the last
node), filler and link (-1: none)."""


def _chain(rule: str, upward: list[dict]) -> Chain | None:
    tests = [_node_test(node.get("RIGHT_ATTRS", {})) for node in upward]
    if any(t is None for t in tests):
        return None
    names = [node["RIGHT_ID"] for node in upward]
    link = names.index("link") if "link" in names else -1
    return Chain(rule, tuple(t for t in tests if t is not None), link)


Patterns = tuple[DependencyMatcher, dict[int, Where], dict[str, tuple[Chain, ...]], tuple[Chain, ...]]


@functools.lru_cache(maxsize=8)
def _matcher(vocab: Vocab) -> Patterns:
    """The rules' patterns: the upward chains to walk in Python (by the filler's dependency label, and
    those whose filler tests no label), and the rest in one ``DependencyMatcher`` with, per match id,
    the rule and the nodes trigger, filler and link.

    Walking a chain from each word up its heads finds what spaCy's ``DependencyMatcher`` finds (it
    collects, for every node, every token that fits, then joins them: a tenth of extraction's CPU);
    ``tests/test_rules_matcher.py`` checks both find the same on every rule.
    """
    matcher = DependencyMatcher(vocab)
    where: dict[int, Where] = {}
    by_dep: dict[str, list[Chain]] = {}
    any_dep: list[Chain] = []
    for rule in load_rules().values():
        if rule.pattern is None:
            continue
        upward = up_to_the_trigger(list(rule.pattern))
        chain = _chain(rule.id, upward) if upward else None
        if chain is not None:
            deps = [values for attr, values, inside in chain.tests[0] if attr == "dep_" and inside]
            for dep in sorted(frozenset.intersection(*deps)) if deps else ():
                by_dep.setdefault(dep, []).append(chain)
            if not deps:
                any_dep.append(chain)
            continue
        pattern = upward or list(rule.pattern)
        matcher.add(rule.id, [pattern])
        names = [node["RIGHT_ID"] for node in pattern]
        link = names.index("link") if "link" in names else -1
        trigger = -1 if upward else names.index("trigger")
        where[vocab.strings[rule.id]] = (rule.id, trigger, names.index("filler"), link)
    chains = {dep: tuple(found) for dep, found in by_dep.items()}
    return matcher, where, chains, tuple(any_dep)


def _walk(tokens: tuple[Token, ...], heads: list[int], i: int, chain: Chain) -> tuple[int, int | None] | None:
    """(trigger, link) when ``chain`` reads token ``i`` as its filler, else None; ``heads[i]`` is the
    index of its head (``i`` at a root), and ``tokens`` the doc's Tokens, made once."""
    node, link = i, None
    for n, test in enumerate(chain.tests):
        if n:
            if heads[node] == node:
                return None
            node = heads[node]
        if not _passes(tokens[node], test):
            return None
        if n == chain.link:
            link = node
    if heads[node] == node:
        return None
    return heads[node], link


def _doc_matches(doc: Doc) -> dict[tuple[str, int], list[tuple[int, int | None]]]:
    """(rule, trigger index) → the (filler, link) indexes every pattern finds in ``doc``."""
    matcher, where, chains, any_dep = _matcher(doc.vocab)
    found: dict[tuple[str, int], list[tuple[int, int | None]]] = {}
    walks = {dep: (*by_dep, *any_dep) for dep, by_dep in chains.items()}  # a token's chains, made once
    tokens = doc_tokens(doc)
    # offsets to the head, as int64 (read as uint64), for ``Token.head`` makes a new Token at each call
    heads = [i + int(offset) for i, offset in enumerate(doc.to_array(HEAD).astype("int64"))]
    for token in tokens:
        for chain in walks.get(token.dep_, any_dep):
            hit = _walk(tokens, heads, token.i, chain)
            if hit is not None:
                found.setdefault((chain.rule, hit[0]), []).append((token.i, hit[1]))
    if where:
        for match_id, ids in matcher(doc):
            rid, trigger, filler, link = where[match_id]
            top = doc[ids[-1]]
            anchor = ids[trigger] if trigger >= 0 else top.head.i if top.head.i != top.i else None
            if anchor is not None:
                found.setdefault((rid, anchor), []).append((ids[filler], ids[link] if link >= 0 else None))
    return found


def up_to_the_trigger(pattern: list[dict]) -> list[dict] | None:
    """A chain ``trigger > a > ... > filler`` with any word as trigger, as ``filler < ... < a`` alone.

    The trigger is then the head of ``a``. Both find the same trees, but the matcher first collects
    every token that fits a node: every token of the text for a trigger without attributes, ten times
    for ten patterns, which made matching a fifth of a whole build's CPU. None for a pattern that is
    not such a chain (it is matched as written).
    """
    chain = all(
        node.get("REL_OP") == ">" and node.get("LEFT_ID") == before["RIGHT_ID"]
        for before, node in itertools.pairwise(pattern)
    )
    first, last = pattern[0], pattern[-1]
    if not chain or len(pattern) < 2 or first["RIGHT_ID"] != "trigger" or first.get("RIGHT_ATTRS"):
        return None
    if last["RIGHT_ID"] != "filler":
        return None
    nodes = pattern[:0:-1]  # filler first, the trigger left out
    return [{"RIGHT_ID": nodes[0]["RIGHT_ID"], "RIGHT_ATTRS": nodes[0].get("RIGHT_ATTRS", {})}] + [
        {
            "LEFT_ID": below["RIGHT_ID"],
            "REL_OP": "<",
            "RIGHT_ID": node["RIGHT_ID"],
            "RIGHT_ATTRS": node.get("RIGHT_ATTRS", {}),
        }
        for below, node in itertools.pairwise(nodes)
    ]


MATCHES = "kg_rule_matches"


def pattern_fillers(token: Token, rule: str) -> list[tuple[Token, Token | None]]:
    """The ``filler`` tokens (with the ``link`` node, if the pattern names one) that the pattern of
    ``rule`` finds from ``token`` as ``trigger``; the doc is matched once, on first use."""
    doc: Doc = token.doc
    found = doc.user_data.get(MATCHES)
    if found is None:
        found = doc.user_data[MATCHES] = _doc_matches(doc)
    hits = found.get((rule, token.i))
    if not hits:
        return []  # most asks find nothing
    return [(doc[f], doc[k] if k is not None else None) for f, k in sorted(set(hits))]
