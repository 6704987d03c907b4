"""Topic pages: the searchable list and one merged page per topic."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from notes.models import Topic
from notes.selectors import topic_page, topic_search
from studyhub.http import HtmxHttpRequest


@require_GET
@vary_on_headers("HX-Request")
def topic_list(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    template = "notes/topic_list.html#results" if request.htmx else "notes/topic_list.html"
    return render(request, template, {"topics": topic_search(query=query), "query": query})


@require_GET
def topic_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    try:
        page = topic_page(slug=slug)
    except Topic.DoesNotExist as exc:
        raise Http404("No such topic") from exc
    return render(request, "notes/topic_detail.html", {"page": page, "topic": page.topic})
