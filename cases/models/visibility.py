"""The pieces of the need-to-know rule every case-related queryset is built from.

Who may see what is decided here and on the querysets, never in views; single
objects are fetched through cases/access.py.
"""

from django.db import models
from django.db.models import Q

from partners.viewer import viewer_of


def member_of(user, organisation_field):
    """Q: the organisation in `organisation_field` is one of the user's active organisations."""
    return member_of_any(viewer_of(user).organisation_ids, organisation_field)


def member_of_any(organisation_ids, organisation_field):
    """Q: the organisation in `organisation_field` is one of `organisation_ids`."""
    return Q(**{f"{organisation_field}__in": organisation_ids})


def covers(user, neighbourhood_field):
    """Q: one of the user's teams covers the neighbourhood in `neighbourhood_field`."""
    return Q(**{f"{neighbourhood_field}__in": viewer_of(user).neighbourhood_ids})


class VisibleQuerySet(models.QuerySet):
    """A queryset whose rows are visible to a user only through `_visibility(user)`."""

    def visible_to(self, user):
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(self._visibility(user))

    def _visibility(self, user):
        # Fail closed: a queryset that states no rule shows nothing.
        return Q(pk__in=[])
