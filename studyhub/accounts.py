"""Learner sign-up and a throttled password reset (login and logout are Django's own views, guarded by
django-axes; see studyhub/throttle.py for the client address both use)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.contrib.auth.views import PasswordResetView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from studyhub.throttle import client_address, throttle_allow

HOUR = 3600


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=False, help_text="Optional: for the weekly review email.")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")


def _throttled(request: HttpRequest) -> HttpResponse:
    response = render(request, "registration/throttled.html", status=429)
    response["Retry-After"] = str(HOUR)
    return response


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    if request.method == "POST" and not throttle_allow(
        scope="signup",
        key=client_address(request),
        limit=settings.SIGNUP_PER_ADDRESS_PER_HOUR,
        window_seconds=HOUR,
    ):
        return _throttled(request)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("home")
    return render(request, "registration/signup.html", {"form": form}, status=400 if form.errors else 200)


class ThrottledPasswordResetView(PasswordResetView):
    """Django's reset view, with a limit per client address (429 past it) and per email address (past
    it the page still says "sent", so it tells nobody whether the address has an account)."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not throttle_allow(
            scope="reset-address",
            key=client_address(request),
            limit=settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR,
            window_seconds=HOUR,
        ):
            return _throttled(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if not throttle_allow(
            scope="reset-email",
            key=form.cleaned_data["email"],
            limit=settings.PASSWORD_RESET_PER_EMAIL_PER_HOUR,
            window_seconds=HOUR,
        ):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
