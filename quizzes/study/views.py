"""Study pages: reviews (/study/), practice (/practice/), settings (/settings/), progress
(/progress/, with the contrast drill of one confusion), the learner's card browser (/cards/) and
the learner's data export. Every form works without JavaScript; with htmx each answer swaps in the next card."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from quizzes.models import CardState
from quizzes.study.forms import AnswerForm, CardFilterForm, LearnerSettingsForm, PracticeFilterForm, UndoForm
from quizzes.study.selectors.cards import card_browser_page, card_browser_row, card_browser_topics
from quizzes.study.selectors.learner_export import learner_export
from quizzes.study.selectors.progress import confusion_drill, progress_dashboard
from quizzes.study.services.cards import CARD_ACTIONS
from quizzes.study.services.learner_settings import learner_settings_get_or_create, learner_settings_update
from quizzes.study.services.practice import practice_answer, practice_page, practice_session_start
from quizzes.study.services.reviews import (
    AnswerInvalid,
    UndoRefused,
    notification_dismiss,
    review_answer,
    review_check,
    review_undo,
    study_page,
)
from studyhub.http import HtmxHttpRequest


def _page_or_partial(request: HtmxHttpRequest, page: str, partial: str) -> str:
    return f"{page}#{partial}" if request.htmx else page


@require_GET
@login_required
def study(request: HtmxHttpRequest) -> HttpResponse:
    screen = study_page(learner=request.user, now=timezone.now())
    return render(request, "quizzes/study.html", {"screen": screen})


@require_POST
@login_required
@vary_on_headers("HX-Request")
def study_check(request: HtmxHttpRequest) -> HttpResponse:
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Missing or malformed answer.")
    screen = review_check(
        learner=request.user,
        token=form.cleaned_data["token"],
        chosen=form.cleaned_data["chosen"],
        now=timezone.now(),
    )
    return render(request, _page_or_partial(request, "quizzes/study.html", "card"), {"screen": screen})


@require_POST
@login_required
@vary_on_headers("HX-Request")
def study_answer(request: HtmxHttpRequest) -> HttpResponse:
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Missing or malformed answer.")
    try:
        screen = review_answer(learner=request.user, now=timezone.now(), **form.cleaned_data)
    except AnswerInvalid as problem:
        return HttpResponseBadRequest(str(problem))
    if not request.htmx:
        return redirect("quizzes:study")
    return render(request, "quizzes/study.html#card", {"screen": screen})


@require_POST
@login_required
@vary_on_headers("HX-Request")
def study_undo(request: HtmxHttpRequest) -> HttpResponse:
    """Take back the last answer and show that card again. A refused undo changes nothing and says why:
    with htmx in place of the undo button (htmx swaps only 2xx responses, hence 200 and a retarget),
    without JavaScript as a message on the review page."""
    form = UndoForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Which answer to undo is missing.")
    try:
        screen = review_undo(learner=request.user, log_id=form.cleaned_data["log"], now=timezone.now())
    except UndoRefused as problem:
        if request.htmx:
            response = render(request, "quizzes/study.html#undo_refused", {"refusal": str(problem)})
            return reswap(retarget(response, "#study-undo"), "outerHTML")
        messages.error(request, str(problem))
        return redirect("quizzes:study")
    return render(request, _page_or_partial(request, "quizzes/study.html", "card"), {"screen": screen})


@require_POST
@login_required
@vary_on_headers("HX-Request")
def notification_dismiss_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    notification_dismiss(learner=request.user, notification_id=pk, now=timezone.now())
    return HttpResponse("") if request.htmx else redirect("quizzes:study")


@require_GET
@login_required
@vary_on_headers("HX-Request")
def practice(request: HtmxHttpRequest) -> HttpResponse:
    form = PracticeFilterForm(request.GET or None)
    screen = None
    if "start" in request.GET and form.is_valid():
        if "new" in request.GET:  # "Start practice" pressed: a new session, then a reloadable URL
            practice_session_start(session=request.session, **form.filters(), now=timezone.now())
            return redirect(f"{request.path}?{_filter_query(request)}")
        screen = practice_page(
            learner=request.user,
            session=request.session,
            **form.filters(),
            now=timezone.now(),
            exclude_item_id=_int_or_none(request.GET.get("after")),
        )
    context = {"form": form, "screen": screen, "query": _filter_query(request)}
    status = 400 if "start" in request.GET and form.errors else 200
    return render(
        request, _page_or_partial(request, "quizzes/practice.html", "question"), context, status=status
    )


@require_POST
@login_required
@vary_on_headers("HX-Request")
def practice_answer_view(request: HtmxHttpRequest) -> HttpResponse:
    form = AnswerForm(request.POST)
    filters = PracticeFilterForm(request.GET or None)
    if not form.is_valid():
        return HttpResponseBadRequest("Missing or malformed answer.")
    screen = practice_answer(
        learner=request.user,
        token=form.cleaned_data["token"],
        chosen=form.cleaned_data["chosen"],
        now=timezone.now(),
        session=request.session,
        filters=filters.filters() if filters.is_valid() else None,
    )
    context = {"form": filters, "screen": screen, "query": _filter_query(request)}
    return render(request, _page_or_partial(request, "quizzes/practice.html", "question"), context)


@require_http_methods(["GET", "POST"])
@login_required
def settings_view(request: HtmxHttpRequest) -> HttpResponse:
    instance = learner_settings_get_or_create(learner=request.user)
    form = LearnerSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        learner_settings_update(learner=request.user, data=form.cleaned_data)
        messages.success(request, "Settings saved.")
        return redirect("quizzes:settings")
    return render(request, "quizzes/settings.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
@login_required
def progress_export(request: HtmxHttpRequest) -> HttpResponse:
    data = learner_export(learner=request.user, now=timezone.now())
    response = HttpResponse(json.dumps(data, indent=1), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="studyhub-{request.user.get_username()}.json"'
    return response


@require_GET
def healthz(request: HtmxHttpRequest) -> HttpResponse:
    """A bare view: the baseline bench/review.py compares the answer round trip against."""
    return HttpResponse("ok", content_type="text/plain")


def _int_or_none(value: str | None) -> int | None:
    """An ASCII id (``"²"`` and other Unicode digits are not ids), else None."""
    if value and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


def _filter_query(request: HtmxHttpRequest) -> str:
    """The practice filters as a query string (kept on the answer URL and the "next" link)."""
    query = request.GET.copy()
    query.pop("after", None)
    query.pop("new", None)
    query["start"] = "1"
    return query.urlencode()


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


@require_GET
@login_required
@vary_on_headers("HX-Request")
def cards(request: HtmxHttpRequest) -> HttpResponse:
    """The learner's own cards, searched and filtered (400 with the form's errors on a bad filter)."""
    form = CardFilterForm(request.GET, topics=card_browser_topics(learner_id=request.user.pk))
    if not form.is_valid():
        return render(request, "quizzes/cards.html", {"form": form, "page": None, "rows": []}, status=400)
    page, rows = card_browser_page(
        learner_id=request.user.pk,
        filters=form.filters(),
        page_number=form.cleaned_data["page"] or 1,
        now=timezone.now(),
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, _page_or_partial(request, "quizzes/cards.html", "results"), context)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def card_action(request: HtmxHttpRequest, pk: int, action: str) -> HttpResponse:
    """Suspend, unsuspend, bury, unbury, flag or unflag one of the learner's cards (404: not theirs)."""
    if action not in CARD_ACTIONS:
        raise Http404("No such action.")
    now = timezone.now()
    try:
        CARD_ACTIONS[action](learner=request.user, card_id=pk, now=now)
        row = card_browser_row(learner_id=request.user.pk, card_id=pk, now=now)
    except CardState.DoesNotExist:
        raise Http404("No such card.") from None
    back = QueryDict(request.POST.get("back", "")[:2000]).urlencode()
    if request.htmx:
        return render(request, "quizzes/cards.html#card_row", {"row": row, "query": back})
    return redirect(f"{reverse('quizzes:cards')}?{back}" if back else reverse("quizzes:cards"))
