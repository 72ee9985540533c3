"""How long a free text may be, checked in the verbs so pages and API refuse it alike.

Titles and other short texts keep their column's max_length (a title 200); a longer text
(a goal, minutes, a note, ...) TEXT_MAX_CHARS. Longer belongs in an attachment: a case page
shows many of these at once.
"""

from django.utils.translation import gettext

TITLE_MAX_CHARS = 200
TEXT_MAX_CHARS = 10_000


def max_chars(model, field_name):
    """The column's max_length, or TEXT_MAX_CHARS for a text column that has none."""
    return model._meta.get_field(field_name).max_length or TEXT_MAX_CHARS


def require_within(model, field_name, value, error_class):
    """Raise `error_class` with a message naming the field if `value` is longer than the field holds."""
    limit = max_chars(model, field_name)
    if value is not None and len(value) > limit:
        raise error_class(
            gettext("“%(field)s” holds at most %(max)s characters; this text has %(length)s.")
            % {"field": model._meta.get_field(field_name).verbose_name, "max": limit, "length": len(value)}
        )
