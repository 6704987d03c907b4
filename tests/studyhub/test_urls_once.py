"""studyhub/templatetags/urls_once.py: ``{% url_once %}`` gives what ``{% url %}`` gives, from parts
reversed once per URL configuration and script prefix."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import get_script_prefix, reverse, set_script_prefix

from studyhub.templatetags.urls_once import url_once


def test_a_name_without_arguments_is_its_url():
    assert url_once("quizzes:study-answer") == reverse("quizzes:study-answer")


@pytest.mark.parametrize("pk", [0, 7, 418, 2**62])
def test_an_integer_argument_is_joined_as_reverse_writes_it(pk):
    assert url_once("quizzes:item-report", pk) == reverse("quizzes:item-report", args=[pk])


def test_a_string_argument_goes_through_reverse():
    assert url_once("quizzes:progress-drill", "a-b") == reverse("quizzes:progress-drill", args=["a-b"])


def test_a_negative_number_is_refused_as_reverse_refuses_it():
    with pytest.raises(Exception, match="Reverse"):
        url_once("quizzes:item-report", -1)


def test_the_script_prefix_of_the_request_is_kept():
    url_once("quizzes:study-undo")  # cached under the default prefix first
    before = get_script_prefix()
    set_script_prefix("/sub/")
    try:
        assert url_once("quizzes:study-undo") == "/sub/study/undo/"
    finally:
        set_script_prefix(before)


def test_the_tag_renders_what_the_url_tag_renders():
    source = "{% load urls_once %}{% url_once 'quizzes:item-report' pk %}|{% url 'quizzes:item-report' pk %}"
    once, plain = Template(source).render(Context({"pk": 12})).split("|")
    assert once == plain == "/items/12/report/"


def test_a_pattern_that_refuses_the_placeholders_falls_back_to_reverse(settings):
    settings.ROOT_URLCONF = "tests.studyhub.urls_once_patterns"
    assert url_once("four-digits", 2026) == "/year/2026/"


def test_a_converter_that_pads_falls_back_to_reverse(settings):
    settings.ROOT_URLCONF = "tests.studyhub.urls_once_patterns"
    assert url_once("padded", 7) == "/padded/00007/"
