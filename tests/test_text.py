"""kg.text: text made valid for the store, neutral in a spreadsheet and inert on a terminal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.text import counted, printable, spreadsheet_cell, valid_text, web_url


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain text\twith tab\nand lines\r\n", "plain text\twith tab\nand lines\r\n"),
        ("lone \udc80 low and \ud800 high", "lone \ufffd low and \ufffd high"),
        ("bell\x07 esc\x1b[31m nul\x00", "bell esc[31m nul"),
        ("page\x0cbreak\x0bvtab", "page\nbreak\nvtab"),
        ("nonchars \ufffe\uffff end", "nonchars  end"),
        ("emoji 😀 and Köln stay", "emoji 😀 and Köln stay"),
    ],
)
def test_valid_text(raw: str, clean: str) -> None:
    assert valid_text(raw) == clean


@given(st.text())
def test_valid_text_always_encodes_and_is_xml_safe(text: str) -> None:
    import xml.dom.minidom

    clean = valid_text(text)
    clean.encode("utf-8")
    escaped = clean.replace("&", "&amp;").replace("<", "&lt;")
    xml.dom.minidom.parseString(f"<a>{escaped}</a>".encode())
    assert valid_text(clean) == clean


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-5", "-5"),
        ("+1.5", "+1.5"),
        ("-1,000", "-1,000"),
        ("Gunmen killed 5", "Gunmen killed 5"),
        ("", ""),
    ],
)
def test_spreadsheet_cell_follows_owasp(cell: str, safe: str) -> None:
    assert spreadsheet_cell(cell) == safe


def test_printable_drops_what_a_terminal_acts_on() -> None:
    assert printable("a\x1b]0;pwned\x07b\x9b31mc\rd\x7f\tе\n") == "a]0;pwnedb31mcd\tе\n"


def test_counted_is_singular_for_one_only() -> None:
    assert [counted(n, "incident") for n in (0, 1, 2)] == ["0 incidents", "1 incident", "2 incidents"]
    assert counted(1, "reply", "replies") == "1 reply"
    assert counted(2, "reply", "replies") == "2 replies"


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://news.example/a", True),
        ("HTTP://NEWS.EXAMPLE/", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("//news.example/a", False),
        ("https:// space", False),
        ("", False),
        (None, False),
    ],
)
def test_web_url_keeps_http_addresses_only(url: str | None, kept: bool) -> None:
    assert web_url(url) == (url if kept else None)
