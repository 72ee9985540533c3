"""The address page's URL for anything with an address (a signal, case or person): one place for both engines."""

from urllib.parse import quote

from django import template

from core.reverse import kept_reverse

register = template.Library()


@register.filter
def address_url(obj):
    """/adres/1094AB/17/ (with ?toevoeging=H when there is an addition); "" without a full address."""
    if not (obj.postcode and obj.house_number):
        return ""
    url = kept_reverse("cases:address", args=[obj.postcode.replace(" ", ""), obj.house_number])
    if obj.house_number_addition:
        url += "?toevoeging=" + quote(obj.house_number_addition, safe="")
    return url
