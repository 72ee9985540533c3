"""The row-date filters write exactly what Django's date filter writes."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

FAST = "{% load moments %}{{ v|day }}|{{ v|moment }}"
DJANGO = '{{ v|date:"j N Y" }}|{{ v|date:"j N Y, H:i" }}'


def render(source, value):
    return Template(source).render(Context({"v": value}))


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_reads_as_django_writes_it(language, month):
    # 23:30 UTC is the next day in Amsterdam: the local date must be the one written.
    moment = datetime.datetime(2026, month, 28, 23, 30, tzinfo=datetime.UTC)
    with translation.override(language):
        assert render(FAST, moment) == render(DJANGO, moment)
        day = moment.date()
        assert render("{% load moments %}{{ v|day }}", day) == render('{{ v|date:"j N Y" }}', day)


def test_machine_readable_dates_are_iso_8601_in_local_time():
    moment = datetime.datetime(2026, 7, 1, 12, 0, 5, 123, tzinfo=datetime.UTC)
    assert render("{% load moments %}{{ v|machine }}", moment) == "2026-07-01T14:00:05+02:00"
    assert render("{% load moments %}{{ v|machine }}", moment.date()) == "2026-07-01"


def test_nothing_writes_nothing():
    assert render("{% load moments %}[{{ v|day }}{{ v|moment }}{{ v|machine }}]", None) == "[]"
