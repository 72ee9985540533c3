"""{% url %} and the Jinja rows' url() reverse through core.reverse.kept_reverse: the same URL as reverse()."""

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.reverse import kept_reverse

CASES = [
    ("cases:detail", [7], None),
    ("cases:signal_detail", [0], None),
    ("cases:home", [], None),
    ("cases:address", ["1094AB", 17], None),
    ("dashboards:district", ["WK036300"], None),
    ("cases:detail", [], {"pk": 12}),
]


@pytest.mark.parametrize(("name", "args", "kwargs"), CASES)
def test_kept_reverse_gives_what_reverse_gives(name, args, kwargs):
    expected = reverse(name, args=args or None, kwargs=kwargs)
    assert kept_reverse(name, args=args, kwargs=kwargs) == expected
    assert kept_reverse(name, args=args, kwargs=kwargs) == expected  # the second time from what it kept


def test_urls_of_ids_and_codes_are_cut_once_and_filled_in_for_each():
    for postcode, number in [("1094AB", 17), ("1011XY", 3), ("9999ZZ", 0)]:
        args = [postcode, number]
        assert kept_reverse("cases:address", args=args) == reverse("cases:address", args=args)
    assert kept_reverse("cases:detail", args=["123"]) == reverse("cases:detail", args=["123"])  # a code of digits
    # Anything else is reversed by Django, quoting included.
    assert kept_reverse("cases:address", args=["1094 AB", 17]) == reverse("cases:address", args=["1094 AB", 17])
    assert kept_reverse("cases:address", args=["a?b", 1]) == reverse("cases:address", args=["a?b", 1])


def test_the_project_has_only_djangos_own_converters():
    """kept_reverse puts codes of letters and digits where a converter other than int takes a value; Django's
    str, slug and path take every such code. A converter of our own might not."""
    from django.urls.converters import DEFAULT_CONVERTERS, get_converters

    assert set(get_converters()) == set(DEFAULT_CONVERTERS)


def test_what_no_pattern_matches_still_fails():
    with pytest.raises(NoReverseMatch):
        kept_reverse("cases:detail", args=["geen-nummer"])
    with pytest.raises(NoReverseMatch):
        kept_reverse("cases:detail", args=["geennummer"])  # a code where an id goes
    with pytest.raises(NoReverseMatch):
        kept_reverse("cases:detail", args=[-1])  # not kept as an id: <int:pk> takes no sign
    with pytest.raises(NoReverseMatch):
        kept_reverse("bestaat:niet")


def test_the_script_prefix_is_part_of_the_key():
    assert kept_reverse("cases:home") == "/"
    set_script_prefix("/veerkracht/")
    try:
        assert kept_reverse("cases:home") == "/veerkracht/"
        assert kept_reverse("cases:detail", args=[3]) == "/veerkracht/casussen/3/"
    finally:
        set_script_prefix("/")
    assert kept_reverse("cases:detail", args=[3]) == "/casussen/3/"


def test_the_url_tag_is_djangos_with_as_and_the_served_namespace():
    request = RequestFactory().get("/admin/")
    request.resolver_match = type("Match", (), {"namespace": "admin"})()
    html = Template(
        "{% url 'cases:detail' 5 %}|{% url 'bestaat:niet' as nothing %}[{{ nothing }}]|{% url 'admin:index' %}"
    ).render(RequestContext(request))
    assert html == f"{reverse('cases:detail', args=[5])}|[]|{reverse('admin:index')}"
