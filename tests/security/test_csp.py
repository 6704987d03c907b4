"""Content-Security-Policy (django-csp) on every page, with scripts from our own files only, and no
template that would need an inline script, an inline event handler or an ``hx-on`` attribute."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import InstructorFactory, UserFactory

pytestmark = pytest.mark.django_db

TEMPLATES = sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html"))
WEB_TEMPLATES = [t for t in TEMPLATES if "email" not in t.parts]  # mail clients ignore CSP
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\s(on[a-z]+|hx-on[:\w-]*|data-hx-on[:\w-]*)\s*=", re.IGNORECASE)


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_pages_carry_a_content_security_policy(client):
    assert "Content-Security-Policy" in client.get(reverse("home"))


def test_script_src_allows_only_our_own_files(client):
    assert directives(client.get(reverse("home")))["script-src"] == ["'self'"]


def test_policy_allows_inline_code_for_styles_only(client):
    found = directives(client.get(reverse("home")))
    assert [name for name, values in found.items() if "'unsafe-inline'" in values] == ["style-src"]


def test_policy_allows_no_eval(client):
    assert "'unsafe-eval'" not in client.get(reverse("home"))["Content-Security-Policy"]


def test_policy_forbids_plugins_framing_and_base_rewrites(client):
    found = directives(client.get(reverse("home")))
    assert (found["object-src"], found["frame-ancestors"], found["base-uri"]) == (
        ["'none'"],
        ["'none'"],
        ["'self'"],
    )


def test_study_pages_carry_the_policy(client):
    client.force_login(UserFactory())
    assert directives(client.get(reverse("quizzes:study")))["script-src"] == ["'self'"]


def test_admin_pages_carry_the_policy(client):
    client.force_login(InstructorFactory())
    assert directives(client.get(reverse("admin:index")))["script-src"] == ["'self'"]


def test_htmx_is_told_not_to_inject_styles_nor_eval(client):
    body = client.get(reverse("home")).text
    assert (
        '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false, "allowEval": false}\'>' in body
    )


@pytest.mark.parametrize("template", WEB_TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_template_has_no_inline_script(template):
    assert INLINE_SCRIPT.findall(template.read_text()) == []


@pytest.mark.parametrize("template", WEB_TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_template_has_no_inline_event_handler(template):
    assert EVENT_HANDLER.findall(template.read_text()) == []
