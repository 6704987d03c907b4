"""Template filters that render note text safely."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from notes.rendering import render_inline, render_markdown

register = template.Library()


@register.filter
def note_inline(text: str) -> SafeString:
    return mark_safe(render_inline(text))  # noqa: S308 - sanitised by nh3


@register.filter
def note_markdown(text: str) -> SafeString:
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3
