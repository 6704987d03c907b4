"""URLs of the emails (in the ``quizzes`` namespace, joined by quizzes/urls.py)."""

from django.urls import path

from quizzes.mail import views

urlpatterns = [
    path("email/unsubscribe/<str:token>/", views.email_unsubscribe_view, name="email-unsubscribe"),
]
