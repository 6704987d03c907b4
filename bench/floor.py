"""URLs for bench/review.py's gunicorn: the app's own, plus two floor views that show what any
logged-in request costs on this stack before it does any work of its own.

    /bench/whoami  the session and user lookups every logged-in page pays, and nothing else
    /bench/touch   the same plus one write transaction (an UPDATE of the learner's settings row)

Only the benchmark routes here (DJANGO_SETTINGS_MODULE=bench.floor_settings); the app never does.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from quizzes.models import LearnerSettings


@login_required
def whoami(request: HttpRequest) -> HttpResponse:
    return HttpResponse(request.user.get_username(), content_type="text/plain")


@login_required
def touch(request: HttpRequest) -> HttpResponse:
    with transaction.atomic():
        LearnerSettings.objects.filter(user=request.user).update(weekly_hour=F("weekly_hour"))
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/whoami", whoami),
    path("bench/touch", touch),
    path("", include("studyhub.urls")),
]
