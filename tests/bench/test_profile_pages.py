"""bench/profile_pages.py: a frame's own time lands in the innermost category on its stack."""

from pyinstrument.frame import Frame

from bench.profile_pages import SHARES, breakdown, category

SITE = "/venv/lib/python3.11/site-packages"


def frame(function, path, time, children=()):
    return Frame(f"{function}\x00{path}\x001", children=list(children), time=time)


def test_frames_are_categorised_by_where_their_code_lives():
    assert category("execute", f"{SITE}/psycopg/cursor.py") == "database"
    assert category("_fetch_all", f"{SITE}/django/db/models/query.py") == "orm"
    assert category("render", f"{SITE}/django/template/base.py") == "templates"
    assert category("root", "/app/templates/cases/home.html") == "templates"
    assert category("to_representation", f"{SITE}/rest_framework/serializers.py") == "serialization"
    assert category("__call__", f"{SITE}/django/middleware/csrf.py") == "middleware"
    assert category("_get_response", f"{SITE}/django/core/handlers/base.py") == "view"
    assert category("home", "/app/cases/views/home.py") is None


def test_a_query_under_a_template_is_database_and_the_views_own_code_is_view():
    tree = frame(
        "__call__", f"{SITE}/django/middleware/common.py", 10.0,
        [
            frame("_get_response", f"{SITE}/django/core/handlers/base.py", 9.0, [
                frame("home", "/app/cases/views/home.py", 8.5, [
                    frame("render", f"{SITE}/django/template/base.py", 6.0, [
                        frame("execute", f"{SITE}/psycopg/cursor.py", 4.0),
                    ]),
                ]),
            ]),
        ],
    )  # fmt: skip

    shares = breakdown(tree)

    assert list(shares) == list(SHARES)
    assert shares["database"] == 4.0
    assert shares["templates"] == 2.0
    assert shares["view"] == 3.0  # _get_response 0.5 + home 2.5
    assert shares["middleware"] == 1.0
    assert sum(shares.values()) == 10.0
