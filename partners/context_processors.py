from .models import Notification, Organisation


def people(request):
    """The logged-in user's organisations and unread notification count, for the page header."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {
        "my_organisations": Organisation.objects.filter(memberships__user=user).order_by("name"),
        "unread_notification_count": Notification.objects.filter(user=user).unread().count(),
    }
