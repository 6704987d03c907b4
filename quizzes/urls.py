"""URLs of the study pages."""

app_name = "quizzes"
urlpatterns: list = []
