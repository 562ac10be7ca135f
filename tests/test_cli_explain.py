"""``kg explain``: a text or an article, as lines or as data; every argument names its rule."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import _load_commands, app

_load_commands()
runner = CliRunner()
TEXT = (
    "Gunmen stormed a hotel in Mogadishu on Friday, killing at least 12 people. "
    "The Shabaab Front claimed the attack."
)


def kg(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_a_text_is_explained_sentence_by_sentence_with_rules() -> None:
    result = kg("explain", TEXT, "--published", "2031-03-12")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("[1] Gunmen stormed a hotel")
    assert any(
        "trigger" in line and "'stormed' Attack" in line and "trigger.verb_lexicon" in line for line in lines
    )
    assert any(
        "took" in line and "location 'Mogadishu'" in line and "location.attached" in line for line in lines
    )
    assert any("merged" in line and "coref.anaphoric" in line for line in lines)
    events = lines[lines.index("events:") :]
    assert any("time      2031-03-07" in line and "time.attached" in line for line in events)
    assert any("killed    12 [at least]" in line for line in events)


def test_json_gives_every_argument_with_role_value_and_rule() -> None:
    data = json.loads(kg("explain", TEXT, "--format", "json", "--published", "2031-03-12").output)
    attack = next(e for e in data["events"] if e["type"] == "Attack")
    arguments = {(a["role"], a["value"]): a for a in attack["arguments"]}
    assert arguments[("agent", "Shabaab Front")]["rule"] == "agent.support_verb"
    assert arguments[("agent", "Shabaab Front")]["text"] == "The Shabaab Front"
    assert arguments[("killed", "12")]["qualifier"] == "at least"
    claim = next(e for e in data["events"] if e["type"] == "ClaimResponsibility")
    assert {"role": "about", "value": attack["key"], "rule": "about.in_subtree"}.items() <= claim[
        "arguments"
    ][-1].items()
    steps = [s for sentence in data["sentences"] for s in sentence["steps"]]
    assert all({"role", "value", "rule"} <= set(s) for s in steps if s["kind"].endswith("argument"))
    assert {"kind": "rejected_argument", "rule": "agent.named_first"}.items() <= next(
        s for s in steps if s["rule"] == "agent.named_first"
    ).items()


def test_an_article_is_read_from_the_files_it_was_built_from(tmp_path: Path) -> None:
    (tmp_path / "raid.txt").write_text(
        "Rebels raided a police post in Gao\n\nRebels raided a police post in Gao on Monday.\n"
    )
    result = kg("explain", "--article", "raid", "--from", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "'raided' Attack" in result.output and "location 'Gao'" in result.output


def test_bad_use_is_one_line_naming_the_problem(tmp_path: Path) -> None:
    assert "give a TEXT or --article" in kg("explain").output
    missing = kg("explain", "--article", "nope", "--from", str(tmp_path))
    assert missing.exit_code == 2 and "no article 'nope'" in missing.output
    assert "needs the file or folder" in kg("explain", "--article", "nope").output
    assert "--format must be text or json" in kg("explain", "x", "--format", "xml").output
    assert "--published must be a date" in kg("explain", "x", "--published", "friday").output


def test_a_text_argument_that_is_not_utf8_is_one_error_line() -> None:
    # a non-UTF-8 byte on the command line reaches Python as a lone surrogate: spaCy raised on it
    result = runner.invoke(app, ["explain", "Gunmen attacked a bus in Kessel \udcff on Monday."])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and "not UTF-8" in lines[0], lines
