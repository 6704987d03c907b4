"""Context shared by every page: the instructor flag and the study navigation."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

# (url name, label); links whose URL is not installed are left out.
STUDY_NAV = (
    ("quizzes:study", "Review"),
    ("quizzes:practice", "Practice"),
    ("quizzes:exam", "Exam"),
    ("quizzes:progress", "Progress"),
    ("quizzes:settings", "Settings"),
)


def _study_nav() -> list[dict[str, object]]:
    links = []
    for name, label in STUDY_NAV:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        links.append({"url": url, "label": label, "prefix": url, "prefix_len": f":{len(url)}"})
    return links


def base(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)

    def is_instructor() -> bool:  # evaluated only by templates that show it (not by htmx fragments)
        return authenticated and (user.is_superuser or user.groups.filter(name="instructors").exists())

    return {"is_instructor": is_instructor, "study_nav": _study_nav() if authenticated else []}
