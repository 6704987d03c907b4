"""Progress pages: the dashboard and the contrast drill of one confusion."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from quizzes.selectors.progress import confusion_drill, progress_dashboard
from studyhub.http import HtmxHttpRequest


@require_GET
@login_required
def progress(request: HtmxHttpRequest) -> HttpResponse:
    dashboard = progress_dashboard(learner=request.user, now=timezone.now())
    return render(request, "quizzes/progress.html", {"dash": dashboard})


@require_GET
@login_required
def progress_drill(request: HtmxHttpRequest, pair_id: str) -> HttpResponse:
    drill = confusion_drill(learner=request.user, pair_id=pair_id)
    return render(request, "quizzes/progress_drill.html", {"drill": drill})
