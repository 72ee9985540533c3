"""A queryset that runs on nearly every request, turned into SQL once per process (`Compiled`, `CompiledRows`);
and an insert (`CompiledInsert`, at the end) likewise.

Django compiles a queryset to SQL each time it is evaluated. For the chokepoint's
question (a case's active participants with their organisation, and the case with
its neighbourhood, lead organisation and director: six tables in one query) that
is about a millisecond of Python, more than PostgreSQL needs to answer it.

`Compiled(build, *stand_ins)` builds the queryset once with stand-in values,
keeps the SQL Django made of it, and runs that SQL with each call's values in the
stand-ins' places. The rows become model instances as the queryset's own would:
Django's compiler, the one that made the SQL, converts them, and Django's related
populators fill in what `select_related` joined. The statement goes through the
connection's cursor like any other, so the execute wrappers (table versions, the
tests' query capture) see it.

`CompiledRows(build)` does the same for the case page's own queries, whose shape varies with the
reader (how many organisations, whether they direct the case): one statement per shape, its stand-ins
made here.

Only on PostgreSQL, where the parameters Django makes are the values it was given
(dates and ids pass unchanged), so a stand-in is found by equality. Elsewhere, when
a stand-in cannot be told among the parameters, or for a query Django answers
without SQL (an empty `__in`), every call is the queryset.
"""

import copy
import datetime
import itertools

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import sql
from django.db.models.query import ModelIterable, ValuesIterable, get_related_populators


class Compiled:
    def __init__(self, build, *stand_ins, shared=()):
        """`build(*values)` returns the queryset; `stand_ins` are values that occur nowhere else in it.

        `shared` names relations that `select_related` follows and that are the same object for every row
        (the case of a case's participants): made from the first row and given to the others, as the
        queryset would make one per row."""
        self._build = build
        self._stand_ins = stand_ins
        self._shared = frozenset(shared)
        self._made = {}  # database alias -> _Statement, or None where every call is the queryset

    def __call__(self, *values, using=DEFAULT_DB_ALIAS):
        """The model instances the queryset `build(*values)` would give, as a list."""
        if using not in self._made:
            self._made[using] = self._make(using)
        statement = self._made[using]
        if statement is None:
            objects = list(self._build(*values).using(using))
            for name in self._shared:  # as the statement gives them: the first row's object for every row
                for instance in objects[1:]:
                    setattr(instance, name, getattr(objects[0], name))
            return objects
        return statement.run(values, using)

    def _make(self, using):
        return _statement(self._build(*self._stand_ins), self._stand_ins, using, shared=self._shared)


class CompiledRows:
    """A queryset of one case's rows, read on nearly every case page, turned into SQL once per process for each
    shape of its arguments: `CompiledRows(build)`, then `rows(*ids)` gives what `build(*ids)` would.

    Each argument is an id, a tuple of ids (a user's organisations: `IN (%s, %s)` has as many placeholders
    as the tuple has ids, so each length is a statement of its own) or a flag, True or False, that shapes the
    query (whether the user directs the case: a column that is simply true): a statement of its own for each
    value, which `build` gets as it is. The stand-ins for the ids are made here, distinct
    negative numbers, twice over: a statement is kept only when both sets made the same SQL with each
    stand-in in the same places, so `build` may leave an argument unused (a kind of row with no condition of
    its own on the user's organisations) but not make another query of other ids, nor read anything besides
    them (a query with a date of its own, as today's would be, is never kept). A `values()` queryset gives its
    dicts, any other its model instances, as `Compiled` does.
    """

    def __init__(self, build):
        self._build = build
        self._made = {}  # (database alias, shape) -> _Statement, or None where every call is the queryset

    def __call__(self, *ids, using=DEFAULT_DB_ALIAS):
        shape = tuple(_shape(value) for value in ids)
        if (using, shape) not in self._made:
            self._made[using, shape] = self._make(using, shape)
        statement = self._made[using, shape]
        if statement is None:
            return list(self._build(*ids).using(using))
        return statement.run(_flat(ids), using)

    def _make(self, using, shape):
        made = [self._made_with(using, shape, first) for first in (-7_100_001, -7_200_001)]
        if None in made or made[0].sql != made[1].sql or made[0].params != made[1].params:
            return None
        if any(isinstance(param, datetime.date) for slot, param in made[0].params if slot is None):
            return None  # a day or a time in the query itself, most likely today's: it would stay put
        return made[0]

    def _made_with(self, using, shape, first):
        numbers = itertools.count(first, -1)
        stand_ins = [_stand_in(part, numbers) for part in shape]
        return _statement(self._build(*stand_ins), _flat(stand_ins), using, all_used=False)


def _stand_in(part, numbers):
    """A stand-in for an argument of this part of the shape: a number, a tuple of them, or the flag itself."""
    if isinstance(part, bool):
        return part
    return next(numbers) if part is None else tuple(itertools.islice(numbers, part))


def _shape(value):
    """An argument's part of the shape: None for an id, the length of a tuple of ids, a flag itself."""
    if isinstance(value, bool):
        return value
    return len(value) if isinstance(value, tuple) else None


def _flat(ids):
    """The ids among the arguments, in order (the flags are in the statement itself)."""
    flat = []
    for value in ids:
        if isinstance(value, tuple):
            flat.extend(value)
        elif not isinstance(value, bool):
            flat.append(value)
    return flat


def _statement(queryset, stand_ins, using, *, all_used=True, shared=frozenset()):
    """The SQL Django makes of `queryset`, with the place of each of `stand_ins` among its parameters; None
    where it cannot be reused (not PostgreSQL, no SQL at all, a stand-in changed on its way or, with
    `all_used`, left out, a kind of rows that is neither instances nor values()). `shared`: see Compiled."""
    if connections[using].vendor != "postgresql":
        return None
    if queryset._iterable_class is ValuesIterable:
        kind = _ValuesStatement
    elif queryset._iterable_class is ModelIterable:
        kind = _Statement
    else:
        return None
    compiler = queryset.using(using).query.get_compiler(using=using)
    try:
        sql, params = compiler.as_sql()  # also makes compiler.select and compiler.klass_info
    except (EmptyResultSet, FullResultSet):
        return None
    slots = []
    for param in params:
        found = [index for index, stand_in in enumerate(stand_ins) if param == stand_in]
        slots.append(found[0] if len(found) == 1 else None)
    if all_used and sorted({slot for slot in slots if slot is not None}) != list(range(len(stand_ins))):
        return None  # a stand-in did not come through unchanged: nothing to put the values in
    return kind(compiler, sql, params, slots, using, shared)


class _Statement:
    """The SQL of one queryset, with the select Django made for it; its rows as model instances."""

    def __init__(self, compiler, sql, params, slots, using, shared):
        self.compiler, self.sql = compiler, sql
        self.shared = shared  # relations whose object the first row makes for every row (Compiled's `shared`)
        # Compared by CompiledRows across two sets of stand-ins: the stand-ins' places, and what stays put.
        self.params = [(slot, None if slot is not None else param) for slot, param in zip(slots, params, strict=True)]
        self.converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
        self.prepare(using)

    def prepare(self, using):
        klass_info = self.compiler.klass_info
        self.model = klass_info["model"]
        first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.own = slice(first, last)
        self.init_list = [column[0].target.attname for column in self.compiler.select[self.own]]
        # Each relation's name with its populator, in the order get_related_populators makes them.
        self.populators = list(
            zip(
                [info["field"].name for info in klass_info.get("related_klass_infos", [])],
                get_related_populators(klass_info, self.compiler.select, using),
                strict=True,
            )
        )

    def run(self, values, using):
        return self.rows(self.fetch(values, using), using)

    def fetch(self, values, using):
        """The statement's rows for these values, converted as Django's compiler converts them."""
        params = [param if slot is None else values[slot] for slot, param in self.params]
        compiler = copy.copy(self.compiler)  # per call: a compiler holds its thread's connection
        compiler.connection = connections[using]
        with compiler.connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if compiler.has_extra_select:
            rows = [row[: compiler.col_count] for row in rows]
        return compiler.apply_converters(rows, self.converters) if self.converters else rows

    def rows(self, rows, using):
        objects, made = [], {}
        for row in rows:
            instance = self.model.from_db(using, self.init_list, row[self.own])
            for name, populator in self.populators:
                if name in made:
                    populator.local_setter(instance, made[name])
                    if made[name] is not None:
                        populator.remote_setter(made[name], instance)
                    continue
                populator.populate(row, instance)
                if name in self.shared:
                    made[name] = getattr(instance, name)
            objects.append(instance)
        return objects


class _ValuesStatement(_Statement):
    """As _Statement, for a values() queryset: its rows as dicts, named as ValuesIterable names them."""

    def prepare(self, using):
        query = self.compiler.query
        self.names = list(query.selected) if query.selected else [
            *query.extra_select, *query.values_select, *query.annotation_select
        ]  # fmt: skip

    def rows(self, rows, using):
        names = self.names
        return [dict(zip(names, row, strict=False)) for row in rows]


class CompiledInsert:
    """`model.objects.create(**values)` for a row written on nearly every request, its INSERT made once per process.

    Django's save() builds an insert query, compiles it and runs its steps for each row: about 0.15 ms of
    Python for a row of the access log, written on every read of a case. `CompiledInsert(model)` compiles the
    INSERT (every column, RETURNING the key) once and then, per row, only has each field prepare its value as
    the compiler would (`pre_save`, `get_db_prep_save`). The row gets its key and is saved, as create() leaves it.

    As `bulk_create`, it sends no pre_save or post_save signal: only for models no receiver listens to
    (tests/core/test_compiled.py checks the ones used). On other databases than PostgreSQL, for a model with
    parents, or a value that is an expression, every call is `objects.create`.
    """

    def __init__(self, model):
        self.model = model
        self._made = {}  # database alias -> (compiler, fields, sql), or None where every call is create()

    def __call__(self, using=DEFAULT_DB_ALIAS, **values):
        if using not in self._made:
            self._made[using] = self._make(using)
        made = self._made[using]
        if made is None:
            return self._create(using, values)
        compiler, fields, statement = made
        row = self.model(**values)
        row._prepare_related_fields_for_save(operation_name="save")
        connection = connections[using]
        compiler = copy.copy(compiler)  # per call: a compiler holds its thread's connection
        compiler.connection = connection
        params = [compiler.prepare_value(field, compiler.pre_save_val(field, row)) for field in fields]
        if any(hasattr(param, "as_sql") for param in params):
            return self._create(using, values)
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            returned = connection.ops.fetch_returned_insert_columns(cursor, compiler.returning_params)
        for value, field in zip(returned, self.model._meta.db_returning_fields, strict=True):
            setattr(row, field.attname, value)
        row._state.adding, row._state.db = False, using
        return row

    def _create(self, using, values):
        return self.model._base_manager.using(using).create(**values)

    def _make(self, using):
        meta = self.model._meta
        if connections[using].vendor != "postgresql" or meta.parents:
            return None
        fields = [field for field in meta.local_concrete_fields if not field.generated and field is not meta.auto_field]
        query = sql.InsertQuery(self.model)
        query.insert_values(fields, [self.model()])
        compiler = query.get_compiler(using=using)
        compiler.returning_fields = meta.db_returning_fields
        ((statement, params),) = compiler.as_sql()
        if len(params) != len(fields) or statement.count("%s") != len(fields):
            return None  # a field with a placeholder of its own: leave it to Django
        return compiler, fields, statement
