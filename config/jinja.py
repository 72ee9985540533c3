"""The Jinja2 environment for the hot list rows (settings.TEMPLATES, engine "jinja2").

A list page renders 20 to 50 rows of a dozen values each; through the Django
template engine that loop was a third of the page's CPU, through Jinja2 (which
compiles a template to Python) a few percent. The pages themselves stay Django
templates — one layout, one set of tags — and hand their row loops to a `.jinja`
partial with `{% jinja "…" %}` (core/templatetags/jinja.py).

Row partials hold no translatable text: the Django template around them
translates its labels once (`{% translate "…" as label %}`) and the partial
prints them, so `makemessages` finds every string where it always looks. (The
page layout stays a Django template: through Jinja2 it cost the same, measured;
its time is in the context processors and middleware, not the template.)
"""

import unicodedata

from django.template.defaultfilters import capfirst, linebreaks_filter
from django.template.defaultfilters import truncatechars as django_truncatechars
from jinja2 import Environment

from cases.templatetags.addresses import address_url
from core.reverse import kept_reverse
from core.templatetags.moments import day, machine, moment


def url(name, *args, **kwargs):
    """{{ url("cases:detail", case.pk) }}: Django's reverse(), kept per process (core/reverse.py)."""
    return kept_reverse(name, args=args, kwargs=kwargs)


def truncatechars(value, length):
    """Django's truncatechars, without its character-by-character walk when the text fits anyway."""
    text = unicodedata.normalize("NFC", str(value))
    if len(text) <= length:  # combining characters only make the counted length shorter
        return text
    return django_truncatechars(text, length)


def environment(**options):
    env = Environment(**options)
    env.globals["url"] = url
    env.filters.update(
        {
            "address_url": address_url,
            "capfirst": capfirst,
            "linebreaks": lambda value: linebreaks_filter(value, autoescape=True),
            "truncatechars": truncatechars,
            "day": day,
            "moment": moment,
            "machine": machine,
        }
    )
    return env
