"""URLs of the study pages; the exam and progress pages come from ``quizzes/urls_exam.py``."""

from django.urls import path

from quizzes import views
from quizzes.urls_exam import urlpatterns as exam_and_progress_urls
from quizzes.urls_mail import urlpatterns as mail_urls
from quizzes.urls_reports import urlpatterns as report_urls

app_name = "quizzes"
urlpatterns = [
    path("study/", views.study, name="study"),
    path("study/check/", views.study_check, name="study-check"),
    path("study/answer/", views.study_answer, name="study-answer"),
    path(
        "study/notifications/<int:pk>/dismiss/", views.notification_dismiss_view, name="notification-dismiss"
    ),
    path("practice/", views.practice, name="practice"),
    path("practice/answer/", views.practice_answer_view, name="practice-answer"),
    path("settings/", views.settings_view, name="settings"),
    path("progress/export.json", views.progress_export, name="progress-export"),
    path("healthz", views.healthz, name="healthz"),
]

# Each area keeps its own URL list; imported plainly so a broken module fails loudly at start-up.
urlpatterns += exam_and_progress_urls + mail_urls + report_urls
