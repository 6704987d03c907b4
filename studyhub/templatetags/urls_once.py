"""``{% url_once %}``: Django's ``{% url %}`` for the hot fragments (the review card, issue #16),
reversed once per process instead of on every render.

``{% url %}`` walks the resolver on every call (~30 µs each; the review card had six, a quarter of its
render). ``url_once`` reverses a name once per URL configuration and script prefix; a name with
integer arguments (``<int:pk>``) is reversed once with placeholder numbers and split around them, so
each call only joins the parts with ``str(arg)``, which is what the ``int`` converter writes (checked
once per name: a pattern that refuses the placeholders or a converter that writes numbers otherwise
goes through ``reverse()`` every time). Any other argument (a string, a negative number) goes
through ``reverse()`` as ``{% url %}`` does. The cache key is the URL configuration and the script
prefix, not the active language: not for ``i18n_patterns`` URLs (the project has none), nor for
names whose ``current_app`` matters (an application namespace deployed twice).

    {% load urls_once %}
    <form action="{% url_once 'quizzes:study-answer' %}">
    {% url_once 'quizzes:item-report' item.pk as report_url %}
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

register = template.Library()

_PLACEHOLDER = 7_310_000_000_000_000_000  # no real primary key is this large


def _joined(parts: tuple[str, ...], args: tuple[int, ...]) -> str:
    pieces = [parts[0]]
    for arg, part in zip(args, parts[1:], strict=True):
        pieces += (str(arg), part)
    return "".join(pieces)


@lru_cache(maxsize=256)
def _url_parts(urlconf: object, script_prefix: str, name: str, arity: int) -> tuple[str, ...] | None:
    """The URL of ``name`` split around its ``arity`` integer arguments (placeholders reversed once);
    None when that does not give what ``reverse()`` gives: a pattern that refuses the placeholders,
    or a converter that does not write ``str(arg)`` (checked on a second set of arguments)."""
    placeholders = [_PLACEHOLDER + n for n in range(arity)]
    try:
        url = reverse(name, args=placeholders)
        probe = tuple(range(1, arity + 1))
        expected = reverse(name, args=probe)
    except NoReverseMatch:
        return None
    parts: list[str] = []
    for placeholder in placeholders:
        head, found, url = url.partition(str(placeholder))
        if not found or str(placeholder) in url:
            return None
        parts.append(head)
    parts.append(url)
    return tuple(parts) if _joined(tuple(parts), probe) == expected else None


@register.simple_tag
def url_once(name: str, *args: object) -> str:
    """The URL ``{% url name *args %}`` gives, from parts reversed once per process."""
    if all(type(arg) is int and arg >= 0 for arg in args):
        parts = _url_parts(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), name, len(args))
        if parts is not None:
            return parts[0] if not args else _joined(parts, args)
    return reverse(name, args=args)
