"""API tokens (django-rest-knox: hashed at rest, expiring): created, listed and revoked by their owner.

The secret of a token exists only in the answer to its creation; the database keeps its digest and
the first characters (`token_key`, knox's lookup key), which is what the owner's page shows.
"""

import logging

from django.utils import timezone
from knox.models import AuthToken

from partners.models import Membership

logger = logging.getLogger(__name__)


def tokens_of(user):
    """The user's tokens that still work, newest first (expired ones are left for knox to clean up)."""
    now = timezone.now()
    return AuthToken.objects.filter(user=user, expiry__gt=now).order_by("-created")


def token_create(user):
    """Create an API token for the user; returns (token, secret). The secret is never stored."""
    token, secret = AuthToken.objects.create(user=user)
    logger.info("API token %s created for user %s", token.token_key, user.pk)
    return token, secret


def token_revoke(token, reason):
    """Revoke one token (the view has already checked it is the user's own)."""
    logger.info("API token %s of user %s revoked: %s", token.token_key, token.user_id, reason)
    token.delete()


def tokens_revoke_all(user, reason):
    """Revoke every API token of the user; returns how many there were."""
    count, _ = AuthToken.objects.filter(user=user).delete()
    if count:
        logger.info("%s API token(s) of user %s revoked: %s", count, user.pk, reason)
    return count


def organisation_tokens_revoke(organisation, reason):
    """Revoke the tokens of the organisation's members who have no other active organisation.

    Called when the organisation is deactivated: its members lose their access through it, and a
    member left without any active organisation keeps no API access either.
    """
    members = Membership.objects.filter(organisation=organisation).values("user")
    still_in = Membership.objects.filter(organisation__is_active=True).exclude(organisation=organisation).values("user")
    count, _ = AuthToken.objects.filter(user__in=members).exclude(user__in=still_in).delete()
    if count:
        logger.info("%s API token(s) of members of organisation %s revoked: %s", count, organisation.pk, reason)
    return count
