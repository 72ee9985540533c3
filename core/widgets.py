"""Form widgets that stay fast on long choice lists."""

from html import escape

from django import forms
from django.core.cache import cache
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A <select> rendered in Python rather than one template include per option.

    Django's template-based option rendering costs a fraction of a millisecond
    per option; a filter offering every neighbourhood of a city (hundreds) made
    that most of a list page's time. Plain options only (no optgroups). The
    standard library's escape: Django's (the same, plus a lazy-string check per
    call) cost as much again. The choices are taken as the plain (value, label)
    pairs they are: Django normalises every choice list a widget is given (a
    function call per option), which for a city's neighbourhoods was a
    millisecond per page.
    """

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = list(value)

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = {str(v) for v in (value if isinstance(value, (list, tuple)) else [value]) if v is not None}
        options = "".join(
            f'<option value="{escape(str(option_value))}"{" selected" if str(option_value) in chosen else ""}>'
            f"{escape(str(label))}</option>"
            for option_value, label in self.choices
        )
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")


# How long a filter's model choices are kept (model_choices) and, with them, the filter fields rendered from
# them (cases/filters.py).
CHOICES_SECONDS = 300


def model_choices(field, label_field, *, cache_key=None, seconds=CHOICES_SECONDS):
    """A ModelChoiceField's choices as plain (pk, label) pairs from one values_list query.

    The field's own iterator builds a model instance per option; for hundreds of
    options that is most of a page's time. Validation still uses the queryset.
    With `cache_key`, the pairs are kept for `seconds`: for filter lists, whose
    offer may lag a few minutes behind the data without hiding or showing rows.
    """
    rows = cache.get(cache_key) if cache_key else None
    if rows is None:
        rows = list(field.queryset.order_by(label_field).values_list("pk", label_field))
        if cache_key:
            cache.set(cache_key, rows, seconds)
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    return [*empty, *rows]
