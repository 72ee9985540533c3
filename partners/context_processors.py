from django.db.models import F
from django.utils.functional import SimpleLazyObject

from .models import Membership, Notification, Organisation


def people(request):
    """The logged-in user's organisations and unread notification count, for the page header.

    `sees_aggregates` (the overview link) is read from the same organisations
    query, which the header evaluates anyway, so it costs no extra query.
    """
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    organisations = (
        Organisation.objects.filter(memberships__user=user).annotate(my_role=F("memberships__role")).order_by("name")
    )
    return {
        "my_organisations": organisations,
        "sees_aggregates": SimpleLazyObject(
            lambda: any(o.is_active and Membership(role=o.my_role).sees_aggregates for o in organisations)
        ),
        "unread_notification_count": Notification.objects.filter(user=user).unread().count(),
    }
