"""Why receivers: the admin and Django's own password change and reset views change passwords, and
the admin deactivates users and organisations, without going through a verb of ours. A token must
not outlive any of these, so the change itself is caught here and handed to a named service."""

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from django.dispatch import receiver

from partners.models import Organisation

from .services import organisation_tokens_revoke, tokens_revoke_all


def _changes(instance, fields, update_fields):
    """The instance's stored values of `fields`, or {} for a new row or a save that cannot change them."""
    if instance.pk is None or (update_fields is not None and set(fields).isdisjoint(update_fields)):
        return {}
    return type(instance)._default_manager.filter(pk=instance.pk).values(*fields).first() or {}


def _why_revoke_user_tokens(user, update_fields):
    stored = _changes(user, ("password", "is_active"), update_fields)
    if stored and stored["password"] != user.password:
        return "password changed"
    if stored.get("is_active") and not user.is_active:
        return "user deactivated"
    return None


@receiver(pre_save, sender=get_user_model(), dispatch_uid="accounts_user_tokens")
def user_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw and (reason := _why_revoke_user_tokens(instance, update_fields)):
        tokens_revoke_all(instance, reason)


@receiver(pre_save, sender=Organisation, dispatch_uid="accounts_organisation_tokens")
def organisation_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw and not instance.is_active and _changes(instance, ("is_active",), update_fields).get("is_active"):
        organisation_tokens_revoke(instance, "organisation deactivated")
