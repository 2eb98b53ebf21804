"""User text inside Streamlit's Markdown renders as written (issue 10 §6): no remote image, link or markup.

Rendered with a real CommonMark renderer (markdown-it-py, HTML allowed as Streamlit's own
Markdown allows it for `unsafe_allow_html`): the escaped text yields one paragraph whose text
is exactly what the user wrote.
"""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from tests.helpers.markup import plain
from ui.markdown import md

RENDER = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
HOSTILE = [
    "![x](https://evil.example/pixel.png)",  # a Sasaran that makes every viewer fetch a URL
    "Dinas ![](http://evil.example/a.gif) Kesehatan",
    '<img src="https://evil.example/p.png">',
    "[klik di sini](https://evil.example)",
    "<https://evil.example>",
    "**tebal** _miring_ ~~coret~~ `kode`",
    "# Judul besar",
    "- bukan daftar",
    "1. bukan daftar",
    "> bukan kutipan",
    "realisasi_jan_2018.xlsx",
    "a | b | c",
    "Rp 1.250.000 (50%) = target!",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_renders_as_written(text: str) -> None:
    out = RENDER.render(md(text))
    assert not re.search(r"<(img|a|strong|em|code|h\d|ul|ol|li|blockquote|del|table)\b", out), out
    body = re.fullmatch(r"<p>(.*)</p>\n", out, re.DOTALL)
    assert body is not None, out
    assert html.unescape(body.group(1)) == text


@pytest.mark.parametrize("text", HOSTILE[:5])
def test_unescaped_text_would_render_markup(text: str) -> None:
    """The check can fail: the same texts without md() become images and links."""
    assert re.search(r"<(img|a)\b", RENDER.render(text))


@pytest.mark.parametrize("text", HOSTILE)
def test_tests_read_escaped_text_back_as_written(text: str) -> None:
    assert plain(md(text)) == text
