"""URLs for bench/review.py's gunicorn: the app's own, plus floor views that show what a request
costs on this stack before it does any work of its own.

    /bench/whoami     the session and user lookups every logged-in page pays, and nothing else
    /bench/touch      the same plus one write transaction (an UPDATE of the learner's settings row)
    /bench/write/<n>  no session, no user: only that one write transaction (settings row of user n),
                      the least a request that durably records an answer can cost

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


def write(request: HttpRequest, user_id: int) -> HttpResponse:
    with transaction.atomic():
        LearnerSettings.objects.filter(user_id=user_id).update(weekly_hour=F("weekly_hour"))
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/whoami", whoami),
    path("bench/touch", touch),
    path("bench/write/<int:user_id>", write),
    path("", include("studyhub.urls")),
]
