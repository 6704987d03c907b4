"""URLs of learners' item reports (added to the ``quizzes`` namespace by quizzes/urls.py)."""

from django.urls import path

from quizzes import views_reports

urlpatterns = [
    path("items/<int:item_id>/report/", views_reports.item_report_view, name="item-report"),
]
