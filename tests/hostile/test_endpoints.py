"""Whatever anybody sends to any endpoint: never a 500, and a refused request (4xx) leaves the database
exactly as it was.

The endpoints are read from the URLconf, so a new page is covered the day it is added: each is
requested as the user who may use it (admin pages as a superuser, account pages anonymously, the
rest as a learner), with a query string and a POST body made of the field names its own page shows
(every ``name="…"`` of its HTML, every query parameter of its links) and of the parameters the views
read, filled with arbitrary strings, numbers, Unicode digits and missing fields. Each example runs
in a savepoint that is rolled back, so one example's writes never hide the next one's."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.exams.services import exam_start
from quizzes.mail.services.emails import unsubscribe_token
from quizzes.models import DeadLetter, ItemReport
from quizzes.study.limits import MAX_CHOICES
from tests.factories import (
    CardStateFactory,
    ConflictFactory,
    FlashcardFactory,
    ItemFactory,
    LearnerSettingsFactory,
    NotificationFactory,
    ReviewLogFactory,
    TopicFactory,
    UserFactory,
)
from tests.hostile.forms import page_forms

pytestmark = pytest.mark.django_db


def _walk(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(
                pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace
            )
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
            yield name, prefix + str(pattern.pattern)


ENDPOINTS = sorted(set(_walk(get_resolver().url_patterns)))

# Parameters the views read that no page shows as a field (read from request.GET/POST in the code).
READ_BY_VIEWS = ["q", "after", "start", "next", "confirm", "introduction", "target", "o", "p", "e", "all"]
TRICKY = [
    "²",  # "²".isdigit() is True, int("²") fails
    "١٢",  # Arabic-Indic digits: int() reads them
    "𝟙",
    "-1",
    "0",
    "1e3",
    " 3 ",
    "NaN",
    "inf",
    "99999999999999999999",
    str(MAX_CHOICES),
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "\x00",
    "on",
    "true",
    "[]",
    "{}",
    "",
]
VALUE = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=24),
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
)
# Learners' pages get most examples; the admin's (about 150 URLs, most of them Django's own views)
# a few each, which still sends every admin form and query string something arbitrary on every run.
LEARNER_EXAMPLES, ADMIN_EXAMPLES = 15, 2
# Rows a request keeps however it ends: sessions, login attempts, the admin's log.
BOOKKEEPING = {"sessions.Session", "axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"}


class World:
    """One of everything an endpoint can be about, so the URLs point at real objects."""

    def __init__(self) -> None:
        self.learner = LearnerSettingsFactory(user=UserFactory(username="ada")).user
        self.superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
        topic = TopicFactory(slug="queues")
        self.item = ItemFactory(topic=topic)
        FlashcardFactory(topic=topic)
        CardStateFactory(learner=self.learner, item=self.item)
        ReviewLogFactory(learner=self.learner, item=self.item)
        # The queue never shows the card answered last while another waits: a second due question,
        # answered after ``item``, makes /study/ show ``item`` with its check and report forms.
        answered_last = ItemFactory(topic=topic)
        CardStateFactory(learner=self.learner, item=answered_last)
        ReviewLogFactory(
            learner=self.learner, item=answered_last, reviewed_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
        )
        self.notification = NotificationFactory(learner=self.learner)
        ConflictFactory(topic=topic)
        ItemReport.objects.create(learner=self.learner, item=self.item, reason="typo", text="teh")
        DeadLetter.objects.create(
            task_name="quizzes.tasks.send_weekly_review", args=[1, "2026-W49"], error="x"
        )
        for n in range(3):
            ItemFactory(topic=TopicFactory(slug=f"topic-{n}"))
        self.attempt = exam_start(learner=self.learner, length=3, time_limit_minutes=130, now=timezone.now())

    def object_id(self, route: str) -> str:
        match = re.match(r"admin/(\w+)/(\w+)/", route)
        if match:
            try:
                model = apps.get_model(match[1], match[2])
            except LookupError:
                return "1"
            first = model._default_manager.order_by("pk").first()
            return str(first.pk) if first else "1"
        return "1"

    def url(self, route: str) -> str:
        route = re.sub(r"\^?\(\?P<app_label>[^)]*\)/\$", "quizzes/", route)
        route = route.replace("(?P<url>.*)$", "no-such-page/")
        values = {
            "item_id": str(self.item.pk),
            "attempt_id": str(self.attempt.pk),
            "position": "1",
            "slug": "queues",
            "pair_id": "1-2",
            "token": unsubscribe_token(learner_id=self.learner.pk),
            "uidb64": "MQ",
            "content_type_id": str(ContentType.objects.get_for_model(self.item).pk),
        }

        def fill(match: re.Match) -> str:
            name = match[2]
            if name in values:
                if route.startswith("accounts/reset/") and name == "token":
                    return "set-password"
                if route.startswith("admin/r/") and name == "object_id":
                    return str(self.item.pk)
                return values[name]
            if route.startswith("admin/r/"):
                return str(self.item.pk)
            if name == "pk" and route.startswith("study/notifications/"):
                return str(self.notification.pk)
            if route.startswith("cards/"):  # the learner's own card, and an action the browser offers
                return "suspend" if name == "action" else str(self.learner.card_states.get(item=self.item).pk)
            return self.object_id(route)

        return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)

    def user_for(self, route: str):
        if route.startswith("admin/"):
            return self.superuser
        if route.startswith("accounts/"):
            return None
        return self.learner


@pytest.fixture
def world() -> World:
    return World()


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _link_queries(html: str, *, page_path: str) -> dict[str, dict[str, list[str]]]:
    """The query strings of the page's links, by the path they lead to."""
    queries: dict[str, dict[str, list[str]]] = {}
    for href in re.findall(r'\bhref="([^"]*\?[^"]*)"', html):
        parts = urlsplit(href.replace("&amp;", "&"))
        query: dict[str, list[str]] = {}
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            query.setdefault(key, []).append(value)
        queries[parts.path or page_path] = query
    return queries


# Learner pages whose forms post elsewhere (the answer, check, report and dismiss endpoints).
ENTRY_PAGES = ["/study/", "/practice/?start=1", "/settings/", "/progress/", "/cards/"]


def _baselines(world: World, url: str, user, page) -> Baselines:
    """The forms that post to ``url`` as shown (on its own page or a learner page), and every name."""
    pages = [(url, page)]
    if page.status_code != 200 and user is world.learner:
        pages += [(entry, _client(user).get(entry)) for entry in ENTRY_PAGES]
    baselines, names, options = [{}], set(READ_BY_VIEWS), {}
    attempt_page = f"/exam/{world.attempt.pk}/q/1/"
    if url.startswith(f"/exam/{world.attempt.pk}/") and url != attempt_page:
        pages.append((attempt_page, _client(user).get(attempt_page)))
    forms = _forms_on(pages)
    if len(pages) > 1 and not any(form.action == urlsplit(url).path for form in forms):
        # One step further: the forms a learner's page answers with once its own form is sent
        # (the answer form comes back from the check), sent as shown and rolled back.
        with transaction.atomic():
            client = _client(user)
            pages += [
                (form.action, client.post(form.action, form.filled()))
                for form in forms
                if form.method == "post" and form.action != url and not form.action.startswith("/accounts/")
            ]
            forms = _forms_on(pages)
            transaction.set_rollback(True)
    path, queries = urlsplit(url).path, [{}]
    for page_path, response in pages:
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            links = _link_queries(
                response.content.decode(errors="replace"), page_path=page_path.split("?")[0]
            )
            names |= {name for query in links.values() for name in query}
            queries += [query for target, query in links.items() if target == path]
    for form in forms:
        if form.action == path:
            (queries if form.method == "get" else baselines).extend([form.fields, form.filled()])
            names |= form.names
            for name, offered in form.options.items():
                options.setdefault(name, []).extend(offered)
    return Baselines(baselines, queries, sorted(names - {"csrfmiddlewaretoken"}), options)


@dataclass
class Baselines:
    """What the pages show of an endpoint: its POST forms and query strings as shown, every field name
    and the values offered for each."""

    forms: list[dict[str, list[str]]]
    queries: list[dict[str, list[str]]]
    names: list[str]
    options: dict[str, list[str]]


def _forms_on(pages) -> list:
    forms = []
    for path, response in pages:
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            forms += page_forms(response.content.decode(errors="replace"), page_path=path.split("?")[0])
    return forms


def _snapshot() -> object:
    """Every stored row but the bookkeeping, as one value to compare (one query on PostgreSQL)."""
    models = [m for m in apps.get_models() if m._meta.label not in BOOKKEEPING and m._meta.managed]
    if connection.vendor != "postgresql":
        return {m._meta.label: list(m._default_manager.order_by("pk").values_list()) for m in models}
    parts = [
        f"SELECT '{m._meta.db_table}', count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
        f' FROM "{m._meta.db_table}" t'
        for m in models
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return sorted(cursor.fetchall())


def _fields(names: list[str], options: dict[str, list[str]]):
    """Some of ``names``, each with one to three values: anything, or one of the values offered."""

    def values(name: str):
        offered = options.get(name)
        value = st.one_of(st.sampled_from(offered), VALUE) if offered else VALUE
        return st.lists(value, min_size=1, max_size=3)

    keys = st.lists(st.sampled_from(names), unique=True, max_size=len(names))
    return keys.flatmap(lambda chosen: st.fixed_dictionaries({k: values(k) for k in chosen}))


def _form(baselines: list[dict[str, list[str]]], names: list[str], options: dict[str, list[str]]):
    """A form as shown, with some fields replaced and some left out."""

    def build(baseline, replaced, left_out):
        return {k: v for k, v in {**baseline, **replaced}.items() if k not in left_out}

    dropped = st.sets(st.sampled_from(names), max_size=2)
    return st.builds(build, st.sampled_from(baselines), _fields(names, options), dropped)


def _methods(url: str, user) -> list[str]:
    """The methods the endpoint takes (a 405 to one sent bare means it refuses it whatever is sent)."""
    taken = []
    for method in ("get", "post"):
        with transaction.atomic():
            if getattr(_client(user), method)(url).status_code != 405:
                taken.append(method)
            transaction.set_rollback(True)
    return taken


def test_the_endpoints_are_read_from_the_urlconf():
    names = {name for name, _ in ENDPOINTS}
    assert {"quizzes:study-answer", "quizzes:item-report", "admin:quizzes_item_import", "signup"} <= names


@pytest.mark.parametrize(("name", "route"), ENDPOINTS, ids=[f"{n} {r}" for n, r in ENDPOINTS])
def test_any_request_to_an_endpoint_is_answered_and_a_refusal_changes_nothing(world, name, route):
    url, user = world.url(route), world.user_for(route)
    shown = _baselines(world, url, user, _client(user).get(url))
    queries = _form(shown.queries, shown.names, shown.options)
    forms = _form(shown.forms, shown.names, shown.options)
    methods = _methods(url, user)

    examples = ADMIN_EXAMPLES if route.startswith("admin/") else LEARNER_EXAMPLES

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(query=queries, form=forms, htmx=st.booleans())
    def request_anything(query, form, htmx):
        headers = {"HX-Request": "true"} if htmx else {}
        for method in methods:
            with transaction.atomic():
                client = _client(user)
                before = _snapshot()
                if method == "get":
                    response = client.get(url, query, headers=headers)
                else:
                    qs = urlencode(query, doseq=True)
                    response = client.post(url, form, headers=headers, QUERY_STRING=qs)
                status = response.status_code
                sent = query if method == "get" else (query, form)
                assert status < 500, f"{method.upper()} {url} {sent} -> {status}"
                if 400 <= status < 500:
                    assert _snapshot() == before, (
                        f"{method.upper()} {url} {sent} -> {status} changed the database"
                    )
                transaction.set_rollback(True)

    request_anything()


@pytest.mark.parametrize(
    "route", ["items/<int:item_id>/report/", "exam/<int:attempt_id>/q/<int:position>/", "topics/<slug:slug>/"]
)
def test_the_urls_point_at_real_objects(world, route):
    """Else every page would be a 404 and prove nothing."""
    assert _client(world.user_for(route)).get(world.url(route)).status_code != 404


@pytest.mark.parametrize(
    "route", ["study/answer/", "study/check/", "items/<int:item_id>/report/", "settings/"]
)
def test_the_forms_start_from_what_the_pages_show(world, route):
    """Else the arbitrary values would all stop at a missing token and prove nothing."""
    url, user = world.url(route), world.user_for(route)
    assert any(_baselines(world, url, user, _client(user).get(url)).forms)


def test_the_query_strings_start_from_what_the_pages_show(world):
    """The practice page's filter form (GET) gives its query string: start, topics, kinds."""
    url = world.url("practice/")
    queries = _baselines(world, url, world.learner, _client(world.learner).get(url)).queries
    assert any("start" in query for query in queries)
