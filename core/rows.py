"""Display rows read with `values()`: list panels that only show fields need no model instances.

A model instance per row (and one per related row through `select_related`,
every column of it, a user's password hash included) costs more than the
template that shows three of its fields. Such panels ask for the columns
they show and turn them into plain dictionaries with these helpers, writing
the same text the model methods would (`get_full_name` or the username,
`get_FOO_display`).
"""

from .choices import labels


def user_columns(prefix):
    """The lookups `user_name` needs for the user at `prefix` (say "author")."""
    return (f"{prefix}__first_name", f"{prefix}__last_name", f"{prefix}__username")


def full_name(row, prefix):
    """What `user.get_full_name()` says, from the first and last name columns of the user at `prefix`."""
    return f"{row[prefix + '__first_name'] or ''} {row[prefix + '__last_name'] or ''}".strip()


def user_name(row, prefix):
    """What `user.get_full_name() or user.get_username()` says, from the columns of `user_columns(prefix)`;
    "" when the row has no such user."""
    return full_name(row, prefix) or row[prefix + "__username"] or ""


def choice_label(model, field_name, value):
    """What `instance.get_<field_name>_display()` says for `value`, in the active language."""
    field = model._meta.get_field(field_name)
    return labels(field).get(value, value)


def with_labels(rows, model, *field_names):
    """`rows` (dicts) with `<field>_label` for each of `field_names`: what `get_<field>_display()` says, in the
    active language, looked up once for all the rows rather than once per value."""
    lookups = [(f"{name}_label", name, labels(model._meta.get_field(name))) for name in field_names]
    return [{**row, **{label: found.get(row[name], row[name]) for label, name, found in lookups}} for row in rows]
