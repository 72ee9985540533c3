"""Form helpers every app shares."""

from django import forms
from django.template.loader import render_to_string
from django.utils.text import capfirst
from django.utils.translation import get_language

FIELDS_TEMPLATE = "includes/form_fields.html"


def capitalised(choices):
    """Choices with their labels capitalised for a form (the model labels are lower case)."""
    return [(value, capfirst(label)) for value, label in choices]


class FixedChoiceField(forms.ChoiceField):
    """A ChoiceField whose choices are the same for every form: each form's copy of the field shares them.

    Django deep-copies every field for every form it makes, and a ChoiceField's choices element by element:
    for a form posted on every request, more than the rest of its copying together.
    """

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)


def focus_first_error(form):
    """Give the first field with an error `autofocus`, so the page shown again opens on it — with the focus
    there and scrolled into view, also without JavaScript (htmx focuses it in a swapped part too). Only
    non-field errors: the first field. Returns the form."""
    if form is not None and form.errors:
        name = next((name for name in form.fields if name in form.errors), next(iter(form.fields), None))
        if name is not None:
            form.fields[name].widget.attrs["autofocus"] = True
    return form


# Rendered fields of unbound forms, per process: {(form class, language, vary): html}. The HTML is a function of
# the code, the language and what the form offers (`vary`), so a process never needs to render it twice.
_KEPT_FIELDS = {}
KEPT_FIELDS_MAX = 256


def fields_html(form, *vary):
    """The form's fields as includes/form_fields.html renders them.

    An unbound form without initial values of its own renders the same for everyone who is offered the same
    choices: that HTML is kept per process, language and `vary` (what the form offers beyond its class, such
    as the organisations a user may write for). A bound form (errors, the user's input) is rendered afresh."""
    if form.is_bound or form.initial:
        return render_to_string(FIELDS_TEMPLATE, {"form": form})
    key = (type(form), get_language(), vary)
    html = _KEPT_FIELDS.get(key)
    if html is None:
        html = render_to_string(FIELDS_TEMPLATE, {"form": form})
        if len(_KEPT_FIELDS) >= KEPT_FIELDS_MAX:
            _KEPT_FIELDS.pop(next(iter(_KEPT_FIELDS)))  # the oldest
        _KEPT_FIELDS[key] = html
    return html
