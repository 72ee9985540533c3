"""The Jinja2 row partials: the same text as the Django template filters and reverse() they stand in for."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.template.defaultfilters import truncatechars as django_truncatechars
from django.urls import reverse

from cases.models import Signal
from cases.views.signals import LIST_COLUMNS, signal_rows
from config.jinja import truncatechars, url
from tests import factories as f


@pytest.mark.parametrize(
    ("name", "args"),
    [("cases:detail", [7]), ("cases:signal_detail", [123456]), ("cases:home", []), ("cases:address", ["1094AB", 17])],
)
def test_url_is_what_reverse_gives(name, args):
    assert url(name, *args) == reverse(name, args=args or None)
    assert url(name, *args) == reverse(name, args=args or None)  # the second time from what it kept


@pytest.mark.parametrize(
    "text",
    [
        "",
        "kort",
        "x" * 160,
        "x" * 161,
        "Geluidsoverlast " * 20,
        "e\u0301" * 100,  # 200 code points, 100 characters: fits
        "e\u0301" * 170,  # does not
        "cafe\u0301 " * 40,
    ],
)
def test_truncatechars_writes_what_django_writes(text):
    assert truncatechars(text, 160) == django_truncatechars(text, 160)


@pytest.mark.django_db
def test_a_jinja_partial_sees_the_django_context_and_escapes():
    signal = f.SignalFactory(description="<b>vet</b> & meer", postcode="1094 AB", house_number=17)
    rows = signal_rows(Signal.objects.filter(pk=signal.pk).values(*LIST_COLUMNS))
    html = Template('{% load jinja %}{% jinja "cases/signals/_signal_items.jinja" %}').render(
        Context({"page": {"object_list": rows}, "reported_by_label": "Gemeld door", "can_open_cases": False})
    )
    assert reverse("cases:signal_detail", args=[signal.pk]) in html
    assert f'href="{reverse("cases:address", args=["1094AB", 17])}">1094 AB 17</a>' in html
    assert f"Gemeld door {signal.reporting_organisation.name}" in html
    assert "&lt;b&gt;vet&lt;/b&gt; &amp; meer" in html


def test_the_notes_partial_writes_what_linebreaks_writes_and_escapes():
    from django.template.defaultfilters import linebreaks_filter
    from django.utils import timezone

    body = "<b>vet</b> & meer\n\nTweede alinea"
    note = {"body": body, "visibility": "own", "created_at": timezone.now(), "author_name": "Ann",
            "organisation_name": "GGZ <Oost>", "restricted_label": "Alleen zichtbaar voor GGZ <Oost>"}  # fmt: skip
    html = Template('{% load jinja %}{% jinja "cases/_note_rows.jinja" %}').render(Context({"notes": [note]}))
    assert f'<div class="note-body">{linebreaks_filter(body, autoescape=True)}</div>' in html
    assert "<p>&lt;b&gt;vet&lt;/b&gt; &amp; meer</p>" in html
    assert '<strong class="badge badge--restricted">Alleen zichtbaar voor GGZ &lt;Oost&gt;</strong>' in html
    assert "item--restricted" in html


def test_the_jinja_tag_wants_one_quoted_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load jinja %}{% jinja partial %}")


def test_fast_select_renders_its_choices_as_given():
    from core.widgets import FastSelect

    widget = FastSelect(choices=[("", "Alle"), (3, "Buurt <3>"), (5, "Vijf")])
    html = widget.render("neighbourhood", 5)
    assert html == (
        '<select name="neighbourhood"><option value="">Alle</option><option value="3">Buurt &lt;3&gt;</option>'
        '<option value="5" selected>Vijf</option></select>'
    )
