from .unread import unread_count


def unread(request):
    """The logged-in user's unread notification count, for the bell in the page header."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {"unread_notification_count": unread_count(user)}
