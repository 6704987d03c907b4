"""URLs of the topic pages."""

from django.urls import path

from . import views

app_name = "notes"
urlpatterns = [
    path("topics/", views.topic_list, name="topic-list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
]
