"""Fast `get_FOO_display()` for models whose lists show many choice labels."""

import functools

from django.utils.encoding import force_str


@functools.cache
def _labels(field):
    """value -> label for a field's choices, built once per field (choices are fixed in code)."""
    return dict(field.flatchoices)


class ChoiceDisplayMixin:
    """Django rebuilds the whole choices dictionary on every get_FOO_display() call
    (about 60 µs for a list of twenty-odd categories); a list page asks for hundreds.
    Same result, from a dictionary built once per field. Put it first in the bases."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(_labels(field).get(value, value), strings_only=True)
