"""Form helpers every app shares."""

from django.utils.text import capfirst


def capitalised(choices):
    """Choices with their labels capitalised for a form (the model labels are lower case)."""
    return [(value, capfirst(label)) for value, label in choices]


def focus_first_error(form):
    """Give the first field with an error `autofocus`, so the page shown again opens on it — with the focus
    there and scrolled into view, also without JavaScript (htmx focuses it in a swapped part too). Only
    non-field errors: the first field. Returns the form."""
    if form is not None and form.errors:
        name = next((name for name in form.fields if name in form.errors), next(iter(form.fields), None))
        if name is not None:
            form.fields[name].widget.attrs["autofocus"] = True
    return form
