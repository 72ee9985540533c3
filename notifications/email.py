"""The one e-mail sender: every notification e-mail is a text part and an HTML part from a template pair."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import NotificationKind

NOTIFICATION_TEMPLATE = "notifications/emails/notification"


@dataclass(frozen=True)
class Email:
    """An e-mail to write: its subject and the template pair `<template>.txt` / `<template>.html`."""

    subject: str
    template: str = NOTIFICATION_TEMPLATE
    context: dict = field(default_factory=dict)


def notification_email(kind, message, url):
    """The standard e-mail for a notification: its kind as the subject, the message and a link."""
    label = NotificationKind(kind).label
    return Email(
        subject=_("[Veerkracht] %(kind)s") % {"kind": label},
        context={"message": message, "link": settings.SITE_URL + url, "kind": label},
    )


def email_context(user, email):
    """What every e-mail template may use: the recipient and where to switch e-mails off."""
    return {
        "user": user,
        "preferences_link": settings.SITE_URL + reverse("notifications:preferences"),
        **email.context,
    }


def render_email_text(user, email):
    return render_to_string(f"{email.template}.txt", email_context(user, email))


def send_email(user, email, *, message_id=None):
    """Send `email` to `user` now; a failing mail server raises.

    `message_id` (notifications/delivery.py derives one from the claim) makes a
    resend of the same notification carry the same Message-ID.
    """
    context = email_context(user, email)
    mail = EmailMultiAlternatives(
        subject=email.subject,
        body=render_to_string(f"{email.template}.txt", context),
        to=[user.email],
        headers={"Message-ID": message_id} if message_id else None,
    )
    mail.attach_alternative(render_to_string(f"{email.template}.html", context), "text/html")
    mail.send()
