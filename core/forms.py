"""Form helpers every app shares."""

from django.utils.text import capfirst


def capitalised(choices):
    """Choices with their labels capitalised for a form (the model labels are lower case)."""
    return [(value, capfirst(label)) for value, label in choices]
