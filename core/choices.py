"""Fast `get_FOO_display()` for models whose lists show many choice labels."""

import functools

from django.utils.translation import get_language


@functools.cache
def _labels_in(field, language):
    """value -> label for a field's choices in `language`, built once per field and language: choices are fixed
    in code and so are their translations (each label is otherwise a gettext call every time it is shown)."""
    return {value: str(label) for value, label in field.flatchoices}


def labels(field):
    """value -> label for a field's choices, in the active language."""
    return _labels_in(field, get_language())


class ChoiceDisplayMixin:
    """Django rebuilds the whole choices dictionary on every get_FOO_display() call
    (about 60 µs for a list of twenty-odd categories); a list page asks for hundreds.
    Same result, from a dictionary built once per field. Put it first in the bases."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return labels(field).get(value, value)
