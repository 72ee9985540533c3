"""How many notifications a user has not read (the bell in every page header), kept between requests.

The count lives with what is kept about the signed-in user (accounts/signed_in.py).
Every way a notification comes, goes or is read makes it out of date: a saved or
deleted notification (receivers below), the bulk writes in notifications/models.py
(they call `sign_in_changed` themselves).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.signed_in import kept_for, sign_in_changed

from .models import Notification


def unread_count(user):
    """The user's unread notification count: from the cache, else one query (then kept)."""
    return kept_for(user).answer(
        "unread_notifications", lambda: Notification.objects.filter(user=user).unread().count()
    )


@receiver([post_save, post_delete], sender=Notification, dispatch_uid="notifications_unread_changed")
def notification_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        sign_in_changed(instance.user_id)
