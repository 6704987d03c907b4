"""Context shared by every page: the instructor flag and the study navigation."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# (url name, label); links whose URL is not installed are left out.
STUDY_NAV = (
    ("quizzes:study", "Review"),
    ("quizzes:practice", "Practice"),
    ("quizzes:exam", "Exam"),
    ("quizzes:progress", "Progress"),
    ("quizzes:cards", "Cards"),
    ("quizzes:settings", "Settings"),
)


@lru_cache(maxsize=8)
def _study_nav_for(urlconf: object, script_prefix: str) -> tuple[dict[str, object], ...]:
    """The links, reversed once per URL configuration and prefix (not on every request)."""
    links = []
    for name, label in STUDY_NAV:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        links.append({"url": url, "label": label, "prefix": url, "prefix_len": f":{len(url)}"})
    return tuple(links)


def _study_nav() -> tuple[dict[str, object], ...]:
    return _study_nav_for(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


def base(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)

    def is_instructor() -> bool:  # evaluated only by templates that show it (not by htmx fragments)
        return authenticated and (user.is_superuser or user.groups.filter(name="instructors").exists())

    def study_nav() -> tuple[dict[str, object], ...]:  # likewise: a card fragment never shows the nav
        return _study_nav() if authenticated else ()

    return {"is_instructor": is_instructor, "study_nav": study_nav}
