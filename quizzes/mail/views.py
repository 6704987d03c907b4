"""The one-click unsubscribe page of the emails: works without logging in, from a signed token."""

from __future__ import annotations

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from quizzes.mail.services.emails import email_unsubscribe, unsubscribe_read


# CSRF exemption, on this endpoint only: RFC 8058 one-click unsubscribe has the mail provider POST
# "List-Unsubscribe=One-Click" to this URL with no cookie and no CSRF token. The signed token in the
# URL is the authority; a forged cross-site POST needs the token, and with it can do no more than the
# link itself does: turn off the email of the learner it was sent to. GET only shows a confirmation
# (link scanners fetch URLs in emails; a GET must never unsubscribe).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def email_unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        if request.method == "POST":
            _, mailing_list = email_unsubscribe(token=token)
        else:
            _, mailing_list = unsubscribe_read(token=token)
    except signing.BadSignature:
        return render(request, "quizzes/unsubscribe_invalid.html", status=400)
    done = request.method == "POST"
    return render(request, "quizzes/unsubscribe.html", {"mailing_list": mailing_list, "done": done})
