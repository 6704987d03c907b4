"""A learner reports a problem with an item (wrong, unclear, typo, free text) from the study screens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from quizzes.bank.forms import ItemReportForm
from quizzes.bank.services.reports import item_report_create
from studyhub.http import HtmxHttpRequest


@require_POST
@login_required
@vary_on_headers("HX-Request")
def item_report_view(request: HtmxHttpRequest, item_id: int) -> HttpResponse:
    form = ItemReportForm(request.POST)
    if not form.is_valid():
        context = {"item": {"pk": item_id}, "form": form}
        return render(request, "quizzes/_report_item.html#report-form", context, status=400)
    item_report_create(learner=request.user, item_id=item_id, **form.cleaned_data)
    if request.htmx:
        return render(request, "quizzes/_report_item.html#report-thanks", {"item": {"pk": item_id}})
    messages.success(request, "Thank you: your report was sent to the instructors.")
    # Back to the page the card was on: the form's "next", else the Referer, else the review queue.
    # A "next" that is no path ("²") is no page: redirect() would look it up as a view name.
    for back in (request.POST.get("next", ""), request.headers.get("Referer", "")):
        if back.startswith(("/", "http://", "https://")) and url_has_allowed_host_and_scheme(
            back, {request.get_host()}, request.is_secure()
        ):
            return HttpResponseRedirect(back)
    return redirect("quizzes:study")
