"""Model instances to and from hand-written SQL, for the few hot paths that run on every request or
read and write several tables in one statement (issue #16: the session read, studyhub/sessions.py;
the review answer's folded statements). The ORM compiles a query on every call (a third of a review
answer's server time went there); these helpers build their column lists once per model and database
vendor and apply the same converters the ORM does (JSON, booleans, datetimes on SQLite), so the
instances are the ones a queryset would give.

    sql = f"SELECT {columns(Item, 'i')}, {columns(Topic, 't')} FROM ... "
    item, at = instance(Item, row)            # the first len(Item fields) values of the row
    topic, at = instance(Topic, row, at)      # None when the LEFT JOIN found nothing
    pk = insert(shown_card)                   # INSERT ... RETURNING the primary key
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from django.db import connection
from django.db.models import Model

M = TypeVar("M", bound=Model)

_CONVERTERS: dict[tuple[type[Model], str], list[list[Callable]]] = {}
_INSERTS: dict[tuple[type[Model], str], tuple[str, list]] = {}
_UPDATES: dict[tuple[type[Model], str, tuple[str, ...]], tuple[str, list]] = {}
_INSERT_SELECTS: dict[tuple, str] = {}  # keyed by call site (tails are constants of the code)


def columns(model: type[Model], alias: str) -> str:
    """Every concrete column of ``model`` as ``alias.column``, in field order (what ``instance`` reads)."""
    quote = connection.ops.quote_name
    return ", ".join(f"{quote(alias)}.{quote(f.column)}" for f in model._meta.concrete_fields)


def _converters(model: type[Model]) -> list[list[Callable]]:
    key = (model, connection.vendor)
    if key not in _CONVERTERS:
        table = model._meta.db_table
        found = []
        for field in model._meta.concrete_fields:
            col = field.get_col(table)
            found.append(connection.ops.get_db_converters(col) + col.get_db_converters(connection))
        _CONVERTERS[key] = found
    return _CONVERTERS[key]


def instance(model: type[M], row: Sequence, start: int = 0) -> tuple[M | None, int]:
    """The instance whose columns (``columns(model, ...)``) start at ``row[start]``, or None when its
    primary key is NULL (nothing joined); and the index after its columns."""
    fields = model._meta.concrete_fields
    end = start + len(fields)
    values = list(row[start:end])
    pk_index = fields.index(model._meta.pk)
    if values[pk_index] is None:
        return None, end
    for i, converters in enumerate(_converters(model)):
        for convert in converters:
            values[i] = convert(values[i], fields[i].get_col(model._meta.db_table), connection)
    return model.from_db(connection.alias, None, values), end


def _insert_sql(model: type[Model]) -> tuple[str, list]:
    key = (model, connection.vendor)
    if key not in _INSERTS:
        quote = connection.ops.quote_name
        fields = [f for f in model._meta.concrete_fields if f is not model._meta.pk]
        sql = (
            f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
            f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {quote(model._meta.pk.column)}"
        )
        _INSERTS[key] = (sql, fields)
    return _INSERTS[key]


def insert_parts(obj: Model) -> tuple[str, list]:
    """The INSERT of ``obj`` (every column but its auto primary key) with its parameters, as the ORM
    prepares them (``pre_save``: auto_now_add and the like)."""
    sql, fields = _insert_sql(type(obj))
    return sql, [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]


def insert(obj: Model) -> int:
    """INSERT ``obj`` in one statement with a constant SQL text; sets and returns its primary key."""
    sql, params = insert_parts(obj)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        obj.pk = cursor.fetchone()[0]
    obj._state.adding = False
    obj._state.db = connection.alias
    return obj.pk


def _update_sql(model: type[Model], field_names: tuple[str, ...]) -> tuple[str, list]:
    key = (model, connection.vendor, field_names)
    if key not in _UPDATES:
        quote = connection.ops.quote_name
        fields = [model._meta.get_field(name) for name in field_names]
        _UPDATES[key] = (", ".join(f"{quote(f.column)} = %s" for f in fields), fields)
    return _UPDATES[key]


def update_parts(obj: Model, field_names: Sequence[str]) -> tuple[str, list]:
    """``SET col = %s, ...`` for ``field_names`` of ``obj`` with their parameters, as the ORM prepares them."""
    assignments, fields = _update_sql(type(obj), tuple(field_names))
    return assignments, [f.get_db_prep_save(f.pre_save(obj, False), connection) for f in fields]


def insert_select_parts(
    obj: Model, *, tail: str, replace: Mapping[str, str] | None = None, named: str = ""
) -> tuple[str, list | dict]:
    """``INSERT INTO t (cols) SELECT <values> <tail> RETURNING pk`` for ``obj``: an insert that a
    ``tail`` (``FROM ... WHERE ...``, ``ON CONFLICT ...``) can make conditional inside a data-modifying
    CTE. Each value is a parameter cast to its column's type (a SELECT list gives PostgreSQL no target
    type to infer), or the SQL ``replace`` gives for that field's attname; parameters are positional,
    or named ``%(<named><attname>)s`` (a dict) when ``named`` is a prefix."""
    replace = replace or {}
    _, fields = _insert_sql(type(obj))
    key = (type(obj), connection.vendor, tail, tuple(sorted(replace.items())), named)
    if key not in _INSERT_SELECTS:  # the SQL text once per call site (its column casts cost ~0.1 ms)
        quote = connection.ops.quote_name
        values = [
            replace[f.attname]
            if f.attname in replace
            else f"CAST({f'%({named}{f.attname})s' if named else '%s'} AS {f.cast_db_type(connection)})"
            for f in fields
        ]
        _INSERT_SELECTS[key] = (
            f"INSERT INTO {quote(obj._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
            f"SELECT {', '.join(values)} {tail} RETURNING {quote(obj._meta.pk.column)}"
        )
    params = [
        (f.attname, f.get_db_prep_save(f.pre_save(obj, True), connection))
        for f in fields
        if f.attname not in replace
    ]
    if named:
        return _INSERT_SELECTS[key], {f"{named}{attname}": value for attname, value in params}
    return _INSERT_SELECTS[key], [value for _, value in params]
