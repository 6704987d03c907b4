"""URLs of the emails (added to the ``quizzes`` namespace by quizzes/urls.py)."""

from django.urls import path

from quizzes import views_mail

urlpatterns = [
    path("email/unsubscribe/<str:token>/", views_mail.email_unsubscribe_view, name="email-unsubscribe"),
]
