"""URLs of the mock exam and the progress dashboard; ``quizzes/urls.py`` appends this list."""

from django.urls import path

from quizzes import views_exam, views_progress

urlpatterns = [
    path("exam/", views_exam.exam, name="exam"),
    path("exam/<int:attempt_id>/q/<int:position>/", views_exam.exam_question, name="exam-question"),
    path("exam/<int:attempt_id>/submit/", views_exam.exam_submit_view, name="exam-submit"),
    path("exam/<int:attempt_id>/report/", views_exam.exam_report, name="exam-report"),
    path("progress/", views_progress.progress, name="progress"),
    path("progress/drill/<str:pair_id>/", views_progress.progress_drill, name="progress-drill"),
]
