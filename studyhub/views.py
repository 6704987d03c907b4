"""The home page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from notes.selectors import course_overview


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"overview": course_overview()})
