"""Dates for list rows, the same text as Django's `date` filter at a tenth of its cost.

A list page writes two or three dates per row; through the `date` filter
(format parsing, a locale lookup per call) that was a tenth of the page's time.
`day` writes what `|date:"j N Y"` writes, `moment` what `|date:"j N Y, H:i"`
writes, `machine` a `<time datetime>` value (ISO 8601, in the current time zone).
"""

import datetime
import functools

from django import template
from django.utils import timezone, translation
from django.utils.dates import MONTHS_AP

register = template.Library()


@functools.cache
def _months(language):
    """The Associated Press month abbreviations (the `N` format) in one language."""
    with translation.override(language):
        return {number: str(name) for number, name in MONTHS_AP.items()}


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def day(value):
    """3 nov. 2026 (as |date:"j N Y")."""
    if not value:
        return ""
    value = _local(value)
    return f"{value.day} {_months(translation.get_language())[value.month]} {value.year}"


@register.filter
def moment(value):
    """3 nov. 2026, 14:05 (as |date:"j N Y, H:i")."""
    if not value:
        return ""
    value = _local(value)
    return f"{value.day} {_months(translation.get_language())[value.month]} {value.year}, {value:%H:%M}"


@register.filter
def machine(value):
    """For <time datetime="...">: 2026-11-03, or 2026-11-03T14:05:00+01:00."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        return _local(value).isoformat(timespec="seconds")
    return value.isoformat()
