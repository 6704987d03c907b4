"""URLs of reviews, practice, the card browser, settings, progress and the learner's export (in the ``quizzes``
namespace, joined by quizzes/urls.py)."""

from django.urls import path

from quizzes.study import views

urlpatterns = [
    path("study/", views.study, name="study"),
    path("study/check/", views.study_check, name="study-check"),
    path("study/answer/", views.study_answer, name="study-answer"),
    path("study/undo/", views.study_undo, name="study-undo"),
    path(
        "study/notifications/<int:pk>/dismiss/", views.notification_dismiss_view, name="notification-dismiss"
    ),
    path("practice/", views.practice, name="practice"),
    path("practice/answer/", views.practice_answer_view, name="practice-answer"),
    path("cards/", views.cards, name="cards"),
    path("cards/<int:pk>/<slug:action>/", views.card_action, name="card-action"),
    path("settings/", views.settings_view, name="settings"),
    path("progress/", views.progress, name="progress"),
    path("progress/drill/<str:pair_id>/", views.progress_drill, name="progress-drill"),
    path("progress/export.json", views.progress_export, name="progress-export"),
    path("healthz", views.healthz, name="healthz"),
]
