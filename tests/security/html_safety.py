"""Finds what an XSS payload would need to run in a page: script elements that are not our static
files, event-handler and htmx attributes smuggled in, ``javascript:``-style URLs, frames and objects.

Used by test_xss.py on every page a hostile string can reach. Python's HTMLParser is used as a
browser would tokenise the response (tags and attributes, entities decoded in attribute values).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcdoc",
}
SCRIPT_SOURCES = ("/static/", "/admin/jsi18n/")
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
CONTROL = re.compile(r"[\x00-\x20\x7f]+")


class _Finder(HTMLParser):
    def __init__(self, marker: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marker = marker.lower()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script":
            self._in_script = True
            if not values.get("src", "").startswith(SCRIPT_SOURCES):
                self.problems.append(f"<script> not from our static files: {values}")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if (
            tag == "meta"
            and values.get("http-equiv", "").lower() == "refresh"
            and "url=" in str(values).lower()
        ):
            self.problems.append(f"<meta http-equiv=refresh> to a URL: {values}")
        for name, value in values.items():
            lowered = value.lower()
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name.startswith(("hx-on", "data-hx-on")):
                self.problems.append(f"htmx handler {name}={value!r} on <{tag}>")
            if name.startswith(("hx-", "data-hx-")) and (self.marker in lowered or "alert(" in lowered):
                self.problems.append(f"smuggled htmx attribute {name}={value!r} on <{tag}>")
            if name in URL_ATTRIBUTES and CONTROL.sub("", lowered).startswith(BAD_SCHEMES):
                self.problems.append(f"script URL {name}={value!r} on <{tag}>")
            if name == "style" and ("expression" in lowered or "javascript" in lowered or "url(" in lowered):
                self.problems.append(f"style attribute {value!r} on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append(f"inline script body {data.strip()[:60]!r}")


def script_openings(html: str, *, marker: str) -> list[str]:
    """Every construct in ``html`` through which a payload tagged ``marker`` could run script."""
    finder = _Finder(marker)
    finder.feed(html)
    finder.close()
    return finder.problems
