"""Markdown -> safe HTML for note lines and topic introductions (markdown, then nh3)."""

from __future__ import annotations

import markdown
import nh3

ALLOWED_TAGS = {
    "a",
    "b",
    "strong",
    "i",
    "em",
    "code",
    "pre",
    "p",
    "ul",
    "ol",
    "li",
    "br",
    "h3",
    "h4",
    "blockquote",
    "sub",
    "sup",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def render_markdown(text: str) -> str:
    """Render a Markdown block (an instructor's introduction) to sanitised HTML."""
    return sanitize_html(markdown.markdown(text, extensions=["sane_lists"], output_format="html"))


def render_inline(text: str) -> str:
    """Render one note line: inline Markdown only, no wrapping paragraph, sanitised."""
    html = markdown.markdown(text, output_format="html")
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return sanitize_html(html)
