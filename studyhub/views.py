"""The home page."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from notes.selectors import course_overview


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"overview": course_overview()})


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> FileResponse:
    """``/favicon.ico``, which browsers ask for on pages that name no icon: the site's SVG icon."""
    path = finders.find("favicon.svg")
    if path is None:
        raise Http404("no favicon")
    return FileResponse(open(path, "rb"), content_type="image/svg+xml")  # noqa: SIM115 - FileResponse closes it
