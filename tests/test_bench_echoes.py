"""bench/echoes.py, the hand-run report of added lines that share a rare word run with a real article:
the added lines of a diff, the runs of the articles, and which runs are listed."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import echoes  # noqa: E402

DIFF = """diff --git a/kg/data/rules.yaml b/kg/data/rules.yaml
--- a/kg/data/rules.yaml
+++ b/kg/data/rules.yaml
@@ -1,1 +1,2 @@
-    fires: ["The mayor said rebels burned the depot."]
+    fires: ["Gunmen raided a clinic in Dovrin at dawn."]
+    silent: ["The porters of Garo sang all night."]
"""


def test_added_lines_are_the_plus_lines_with_their_file() -> None:
    assert list(echoes.added_lines(DIFF)) == [
        ("kg/data/rules.yaml", '    fires: ["Gunmen raided a clinic in Dovrin at dawn."]'),
        ("kg/data/rules.yaml", '    silent: ["The porters of Garo sang all night."]'),
    ]


def test_a_rare_run_is_listed_with_its_articles_and_a_common_one_is_not(tmp_path) -> None:
    texts = {
        "x01_one": "Masked gunmen raided a clinic in Dovrin on Monday.",
        "x02_two": "The porters of Garo sang. The porters of Garo slept.",
        "x03_three": "Then the porters of Garo left.",
    }
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    seen = echoes.article_runs(sorted(tmp_path.glob("*.txt")), 4)
    assert seen[("the", "porters", "of", "garo")] == {"x02", "x03"}
    found = list(echoes.echoes(echoes.added_lines(DIFF), seen, 4, rare=1))
    assert found == [
        (
            "kg/data/rules.yaml",
            'fires: ["Gunmen raided a clinic in Dovrin at dawn."]',
            ["gunmen raided a clinic [x01]", "raided a clinic in [x01]", "a clinic in dovrin [x01]"],
        ),
        (
            "kg/data/rules.yaml",
            'silent: ["The porters of Garo sang all night."]',
            ["porters of garo sang [x02]"],
        ),
    ]  # "the porters of garo" is in two articles: common at rare=1


def test_a_line_sharing_no_run_is_not_listed() -> None:
    seen = {("the", "porters", "of", "garo"): {"x02"}}
    assert list(echoes.echoes([("tests/t.py", "Envoys of Velmar met in Tala.")], seen, 4, rare=3)) == []
