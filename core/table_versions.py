"""A version per database table, replaced by every statement that writes to it, whatever wrote it.

A page kept between requests (core/kept_pages.py) is valid while nothing it read
has changed. Which writes change which page is not something a list of model
signals and `update()` calls can be trusted to say for long: a new
`bulk_create`, a queryset `update()` in a task, a raw statement would each
silently keep a page out of date. So the rule is stated where no write can pass
it by: every statement Django sends to the database goes through
`observe` (an execute wrapper on every connection), and

- a statement that writes (INSERT, UPDATE, DELETE, TRUNCATE, ...) replaces the
  version of each table it names once it is committed: at once outside a
  transaction, at commit inside one (one replacement for all its statements).
  Another connection cannot read the write before then, and a page it rendered
  from what it read before is kept under the versions it saw before it started,
  which the commit replaces. A write whose tables cannot be told replaces the
  version of everything (`EVERYTHING`), as does any statement that changes the
  schema;
- while a page is being rendered (`reading()`), every table its queries name is
  noted, and the page is kept under the versions those tables had before it
  started;
- a table written on every read, such as the access log, can be declared
  `unversioned`: its writes replace no version (a round trip to the cache on
  every logged read otherwise), and a page that reads it is never kept.

Smaller answers than a page (how many signals a query finds) are kept the same
way by `kept_until_written`.

Versions live in the cache, one key per table (`core.kept.key`), so that every
process and the Celery workers share them.
"""

import contextlib
import re
from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created

from .kept import CACHE_SECONDS, key, new_versions

EVERYTHING = "*"  # a version every kept page depends on: replaced by a write whose tables cannot be told

# Statements that change no table. Anything else either names the tables it writes or changes everything.
_READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET", "SHOW", "EXPLAIN", "VALUES", "PRAGMA")
_WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE", "MERGE", "COPY", "WITH")
_QUOTED = re.compile(r'"([A-Za-z0-9_]+)"')
_FROM = re.compile(r"\b(?:FROM|JOIN)\b", re.IGNORECASE)

_reading = ContextVar("tables_read", default=None)
_tables = None
_unversioned = set()


def unversioned(*models):
    """Declare (in AppConfig.ready) that writes to these models' tables replace no version: nothing kept may
    depend on them, and a page that reads one is never kept (`any_unversioned`)."""
    _unversioned.update(model._meta.db_table for model in models)


def any_unversioned(tables):
    """Whether one of these tables was declared `unversioned`."""
    return not _unversioned.isdisjoint(tables)


def known_tables():
    """Every table of an installed model, many-to-many tables included."""
    global _tables
    if _tables is None:
        _tables = frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))
    return _tables


def _named(sql):
    return known_tables().intersection(_QUOTED.findall(sql))


def _first_word(sql):
    # Every statement passes here: look at its start only, not a copy of all of it.
    head = sql[:24].lstrip(" \t\r\n(").split(None, 1)
    return head[0].upper() if head else ""


def tables_written(sql):
    """The tables a statement changes: empty for a read, EVERYTHING where they cannot be told."""
    word = _first_word(sql)
    if word in _READS:
        return frozenset()
    if word in _WRITES:
        named = _named(sql)
        if word == "WITH" and not re.search(r"\b(?:INSERT|UPDATE|DELETE)\b", sql, re.IGNORECASE):
            return frozenset()  # a read with a common table expression
        return named or frozenset([EVERYTHING])
    return frozenset([EVERYTHING])  # CREATE, ALTER, DROP, DO, CALL ...: the schema or anything may change


def tables_read(sql):
    """The known tables a statement names; EVERYTHING for one that reads from tables it doesn't quote."""
    named = _named(sql)
    if not named and _FROM.search(sql):
        return frozenset([EVERYTHING])
    return named


def version_key(table):
    return key("table-version", table)


_every_key = {}


def _keys_of_every_table():
    """{version key: table} for every known table and EVERYTHING, made once per process and database."""
    database = settings.DATABASES["default"]["NAME"]
    keys = _every_key.get(database)
    if keys is None:
        keys = _every_key[database] = {version_key(t): t for t in sorted(known_tables() | {EVERYTHING})}
    return keys


def snapshot(*also):
    """({table: version} of every table as it stands, {key: value} of the cache keys `also`): one round trip.

    A version is None for a table never written since the cache began.
    """
    keys = _keys_of_every_table()
    found = cache.get_many([*also, *keys])
    return {table: found.get(key) for key, table in keys.items()}, {key: found[key] for key in also if key in found}


def still_valid(kept, versions):
    """Whether every table an answer was kept under ({table: version}) still has that version in `versions`."""
    return all(versions.get(table) == version for table, version in kept.items())


def versions_read(tables, versions):
    """What an answer that read `tables` is kept under: each one's version before it was read, and EVERYTHING's."""
    return {table: versions.get(table) for table in tables | {EVERYTHING}}


def replace(tables):
    """These tables changed: each gets a new version."""
    new_versions(*map(version_key, tables))


def _replace_pending(connection):
    """At commit: every table the transaction wrote."""
    pending, connection._veerkracht_tables_written = connection._veerkracht_tables_written, set()
    replace(pending)


def _replace_on_commit(connection, tables):
    """Once per transaction, however many statements write: the tables written so far are replaced at commit.

    A transaction rolled back drops the callback (Django forgets it) but may leave its tables in the
    pending set: they are replaced at the next commit, which is early, never late.
    """
    pending = connection.__dict__.setdefault("_veerkracht_tables_written", set())
    pending.update(tables)
    if not any(function is connection._veerkracht_replace_pending for _, function, _ in connection.run_on_commit):
        transaction.on_commit(connection._veerkracht_replace_pending, using=connection.alias)


def written_in_this_transaction(using=DEFAULT_DB_ALIAS):
    """Whether the open transaction has written something not yet committed (which only it can read)."""
    connection = connections[using]
    return connection.in_atomic_block and bool(connection.__dict__.get("_veerkracht_tables_written"))


def writes_so_far(using=DEFAULT_DB_ALIAS):
    """How many writing statements this connection has sent (failed ones too): while the number stands,
    nothing this process did through it can have changed what was read."""
    return connections[using].__dict__.get("_veerkracht_writes", 0)


def _observer(connection):
    def observe(execute, sql, params, many, context):
        written = tables_written(sql)
        read = _reading.get()
        if read is not None and not written:  # what a write returns (the new row's id) is no page content
            read.update(tables_read(sql))
        if written:
            connection._veerkracht_writes = connection.__dict__.get("_veerkracht_writes", 0) + 1
            written = written - _unversioned
        result = execute(sql, params, many, context)
        if written:
            if connection.in_atomic_block:
                _replace_on_commit(connection, written)
            else:
                replace(written)  # committed already
        return result

    return observe


def watch(sender=None, connection=None, **kwargs):
    """Observe every statement on this connection (connection_created; once per connection object)."""
    if getattr(connection, "_veerkracht_observed", False):
        return
    connection._veerkracht_observed = True
    connection._veerkracht_replace_pending = lambda: _replace_pending(connection)
    connection.execute_wrappers.append(_observer(connection))


def watch_every_connection():
    connection_created.connect(watch, dispatch_uid="core.table_versions.watch")


@contextlib.contextmanager
def reading():
    """The tables read inside the block (a set, filled in as the block's queries run).

    Inside another `reading()` (a count inside a page), what the inner block read was read by the outer one too.
    """
    outer = _reading.get()
    tables = set()
    token = _reading.set(tables)
    try:
        yield tables
    finally:
        _reading.reset(token)
        if outer is not None:
            outer.update(tables)


def kept_until_written(entry_key, read, seconds=CACHE_SECONDS):
    """`read()`, kept at `entry_key` until a table its queries read is written (at most `seconds`).

    As a kept page: the answer is kept under the versions its tables had before it was read, so a write
    committed meanwhile makes it out of date at once. Inside a transaction that has written, nothing is
    read from or kept in the cache: it would see, or keep, what a rollback can take back. A kept answer
    used while a page is being read tells the page which tables it came from.
    """
    if written_in_this_transaction():
        return read()
    versions, found = snapshot(entry_key)
    entry = found.get(entry_key)
    if entry is not None and still_valid(entry[0], versions):
        outer = _reading.get()
        if outer is not None:
            outer.update(entry[0])
        return entry[1]
    with reading() as tables:
        answer = read()
    if not any_unversioned(tables) and not written_in_this_transaction():
        cache.set(entry_key, (versions_read(tables, versions), answer), seconds)
    return answer
