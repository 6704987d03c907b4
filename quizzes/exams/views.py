"""Mock exam pages: start or resume, one question per page, the submit screen and the report.

Every answer is a POST that is saved at once (with htmx on each change, without JavaScript by the
page's buttons). Past the deadline any request submits the attempt and lands on the report.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from quizzes.exams.forms import ExamAnswerForm, ExamReportFilterForm, ExamStartForm
from quizzes.exams.report import report_view
from quizzes.exams.selectors import learner_timezone
from quizzes.exams.services import (
    ExamAnswerInvalid,
    ExamBankEmpty,
    ExamInProgress,
    ExamOver,
    exam_answer_save,
    exam_overview,
    exam_page_open,
    exam_question_show,
    exam_report_open,
    exam_start,
    exam_submit,
)
from quizzes.models import ExamAttempt
from studyhub.http import HtmxHttpRequest


def _to_report(request: HtmxHttpRequest, attempt: ExamAttempt) -> HttpResponse:
    url = reverse("quizzes:exam-report", args=[attempt.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@require_http_methods(["GET", "POST"])
@login_required
def exam(request: HtmxHttpRequest) -> HttpResponse:
    form = ExamStartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = exam_start(learner=request.user, now=timezone.now(), **form.cleaned_data)
        except ExamBankEmpty as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("quizzes:exam-question", attempt.pk, 1)
    try:
        overview = exam_overview(learner=request.user, now=timezone.now())
    except ExamOver as over:
        return _to_report(request, over.attempt)
    status = 400 if request.method == "POST" and form.errors else 200
    context = {"form": form, "overview": overview, "learner_timezone": learner_timezone(learner=request.user)}
    return render(request, "quizzes/exam.html", context, status=status)


def _after_save(form: ExamAnswerForm, *, attempt_id: int, position: int, length: int) -> HttpResponse:
    """Without JavaScript a save is a plain POST: redirect (PRG) to where the pressed button goes."""
    target = form.target(position=position, length=length)
    if target == "review":
        return redirect("quizzes:exam-submit", attempt_id)
    return redirect("quizzes:exam-question", attempt_id, target)


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def exam_question(request: HtmxHttpRequest, attempt_id: int, position: int) -> HttpResponse:
    form = ExamAnswerForm(request.POST if request.method == "POST" else None)
    where = {"learner": request.user, "attempt_id": attempt_id, "position": position, "now": timezone.now()}
    errors = form.error_messages() if request.method == "POST" and not form.is_valid() else []
    try:
        if request.method == "POST" and not errors:
            answer = {"chosen": form.cleaned_data["choice"], "flagged": form.cleaned_data["flagged"]}
            try:
                page = exam_answer_save(**where, **answer)
            except ExamAnswerInvalid as exc:
                errors = [str(exc)]
        if request.method == "GET":
            page = exam_question_show(**where)
        elif errors:
            page = exam_page_open(**where)
    except ExamOver as over:
        return _to_report(request, over.attempt)
    if request.method == "POST" and not request.htmx and not errors:
        return _after_save(form, attempt_id=attempt_id, position=position, length=page.attempt.length)
    template = "quizzes/exam_question.html#saved" if request.htmx else "quizzes/exam_question.html"
    context = {"page": page, "saved": request.method == "POST" and not errors, "errors": errors}
    return render(request, template, context, status=400 if errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
def exam_submit_view(request: HtmxHttpRequest, attempt_id: int) -> HttpResponse:
    if request.method == "POST":
        return _to_report(
            request, exam_submit(learner=request.user, attempt_id=attempt_id, now=timezone.now())
        )
    try:
        page = exam_page_open(learner=request.user, attempt_id=attempt_id, position=1, now=timezone.now())
    except ExamOver as over:
        return _to_report(request, over.attempt)
    return render(request, "quizzes/exam_submit.html", {"page": page})


@require_http_methods(["GET"])
@login_required
@vary_on_headers("HX-Request")
def exam_report(request: HtmxHttpRequest, attempt_id: int) -> HttpResponse:
    """The report, its questions filtered by ``?show=`` (links; htmx swaps only the questions)."""
    shown = ExamReportFilterForm(request.GET)
    if not shown.is_valid():
        return HttpResponseBadRequest(" ".join(m for ms in shown.errors.values() for m in ms))
    try:
        attempt = exam_report_open(learner=request.user, attempt_id=attempt_id, now=timezone.now())
    except ExamInProgress as running:
        return redirect("quizzes:exam-question", running.attempt.pk, 1)
    context = {
        "attempt": attempt,
        "report": attempt.report,
        "view": report_view(report=attempt.report, show=shown.cleaned_data["show"] or "all"),
        "learner_timezone": learner_timezone(learner=request.user),
    }
    template = "quizzes/exam_report.html#questions" if request.htmx else "quizzes/exam_report.html"
    return render(request, template, context)
