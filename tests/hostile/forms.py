"""The forms a page shows, read from its HTML: where each posts to and the values it would send as
shown (hidden tokens, checked boxes, selected options), for hostile-input tests to start from."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class PageForm:
    action: str  # the path it posts to
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> values sent as shown
    names: set[str] = field(default_factory=set)  # every field name, sent or not
    options: dict[str, list[str]] = field(default_factory=dict)  # boxes, radios, options offered

    def filled(self) -> dict[str, list[str]]:
        """The values as shown, with the first option picked where the learner has to pick one."""
        picked = {name: values[:1] for name, values in self.options.items() if values}
        return {**picked, **self.fields}


class _FormReader(HTMLParser):
    def __init__(self, page_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[PageForm] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            action = a.get("hx-post") or a.get("action") or self.page_path
            path = urlsplit(urljoin(self.page_path, action)).path
            self.forms.append(PageForm(action=path, method=(a.get("method") or "get").lower()))
            return
        if not self.forms or "name" not in a:
            if tag == "option" and self._select and self.forms:
                self.forms[-1].options.setdefault(self._select, []).append(a.get("value", ""))
                if "selected" in a:
                    self.forms[-1].fields.setdefault(self._select, []).append(a.get("value", ""))
            return
        form, name = self.forms[-1], a["name"]
        form.names.add(name)
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in {"checkbox", "radio"}:
                form.options.setdefault(name, []).append(a.get("value", "on"))
                if "checked" not in a:
                    return
            if kind in {"submit", "button", "file"}:
                return
            form.fields.setdefault(name, []).append(a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            form.options.setdefault(name, []).append(a.get("value", ""))  # sent only when pressed
        elif tag == "select":
            self._select = name
        elif tag == "textarea":
            form.fields.setdefault(name, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def page_forms(html: str, *, page_path: str) -> list[PageForm]:
    reader = _FormReader(page_path)
    reader.feed(html)
    return reader.forms
