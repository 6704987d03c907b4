"""URLs of learners' item reports (in the ``quizzes`` namespace, joined by quizzes/urls.py)."""

from django.urls import path

from quizzes.bank import views

urlpatterns = [
    path("items/<int:item_id>/report/", views.item_report_view, name="item-report"),
]
