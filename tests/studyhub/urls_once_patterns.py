"""URL patterns for tests/studyhub/test_urls_once.py: a pattern narrower than the placeholders and a
converter that does not write ``str(arg)``."""

from django.http import HttpResponse
from django.urls import path, re_path, register_converter


class PaddedConverter:
    regex = "[0-9]{5,}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:05d}"


register_converter(PaddedConverter, "padded")


def _view(request, **kwargs):
    return HttpResponse("")


urlpatterns = [
    re_path(r"^year/(?P<year>[0-9]{4})/$", _view, name="four-digits"),
    path("padded/<padded:number>/", _view, name="padded"),
]
