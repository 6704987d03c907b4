"""URLs of the mock exam (in the ``quizzes`` namespace, joined by quizzes/urls.py)."""

from django.urls import path

from quizzes.exams import views

urlpatterns = [
    path("exam/", views.exam, name="exam"),
    path("exam/<int:attempt_id>/q/<int:position>/", views.exam_question, name="exam-question"),
    path("exam/<int:attempt_id>/submit/", views.exam_submit_view, name="exam-submit"),
    path("exam/<int:attempt_id>/report/", views.exam_report, name="exam-report"),
]
