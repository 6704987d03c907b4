"""The ``quizzes`` URL namespace: each capability keeps its own list; this file only joins them.

Imported plainly so a broken module fails loudly at start-up instead of silently dropping routes.
"""

from quizzes.bank.urls import urlpatterns as bank_urls
from quizzes.exams.urls import urlpatterns as exam_urls
from quizzes.mail.urls import urlpatterns as mail_urls
from quizzes.study.urls import urlpatterns as study_urls

app_name = "quizzes"
urlpatterns = [*study_urls, *exam_urls, *mail_urls, *bank_urls]
