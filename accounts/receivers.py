"""Why receivers: the admin and Django's own password change and reset views change passwords, and
the admin deactivates users and organisations, without going through a verb of ours. A token must
not outlive any of these, so the change itself is caught here and handed to a named service. The same
goes for the sign-in state kept between requests (accounts/signed_in.py): any save or delete of a user
or of one of their devices makes it out of date."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from partners.models import Organisation

from .services import organisation_tokens_revoke, tokens_revoke_all
from .signed_in import sign_in_changed


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


@receiver([post_save, post_delete], sender=get_user_model(), dispatch_uid="accounts_user_sign_in")
def user_sign_in_changed(sender, instance, raw=False, **kwargs):
    """A saved or deleted user: their kept sign-in state (accounts/signed_in.py) is out of date."""
    if not raw:
        sign_in_changed(instance.pk)


@receiver([post_save, post_delete], sender=TOTPDevice, dispatch_uid="accounts_totp_sign_in")
@receiver([post_save, post_delete], sender=StaticDevice, dispatch_uid="accounts_static_sign_in")
def device_sign_in_changed(sender, instance, raw=False, **kwargs):
    """A saved (a code was checked) or deleted (a reset) device: its user's kept sign-in state is out of date."""
    if not raw:
        sign_in_changed(instance.user_id)
