"""The address page's URL for anything with an address (a signal, case or person): one place for both engines."""

from urllib.parse import quote

from django import template

from core.reverse import kept_reverse

register = template.Library()


@register.filter
def address_url(obj):
    """/adres/1094AB/17/ (with ?toevoeging=H when there is an addition); "" without a full address."""
    return address_path(obj.postcode, obj.house_number, obj.house_number_addition)


def address_path(postcode, house_number, addition):
    """address_url from an address's three fields (for rows read with values())."""
    if not (postcode and house_number):
        return ""
    url = kept_reverse("cases:address", args=[postcode.replace(" ", ""), house_number])
    if addition:
        url += "?toevoeging=" + quote(addition, safe="")
    return url
