"""The Jinja2 environment for the hot list rows (settings.TEMPLATES, engine "jinja2").

A list page renders 20 to 50 rows of a dozen values each; through the Django
template engine that loop was a third of the page's CPU, through Jinja2 (which
compiles a template to Python) a few percent. The pages themselves stay Django
templates — one layout, one set of tags — and hand their row loops to a `.jinja`
partial with `{% jinja "…" %}` (core/templatetags/jinja.py).

Row partials hold no translatable text: the Django template around them
translates its labels once (`{% translate "…" as label %}`) and the partial
prints them, so `makemessages` finds every string where it always looks.
"""

from django.template.defaultfilters import capfirst, truncatechars
from django.urls import reverse
from jinja2 import Environment

from cases.templatetags.addresses import address_url
from core.templatetags.moments import day, machine, moment


def url(name, *args, **kwargs):
    """{{ url("cases:detail", case.pk) }}: Django's reverse()."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options):
    env = Environment(**options)
    env.globals["url"] = url
    env.filters.update(
        {
            "address_url": address_url,
            "capfirst": capfirst,
            "truncatechars": truncatechars,
            "day": day,
            "moment": moment,
            "machine": machine,
        }
    )
    return env
