"""What reaches a person: in-app notifications, their e-mail preferences, and the claims behind them.

Features decide *what* to send to *whom* and claim it (a row of a Claim model,
kept unique by the database); notifications/delivery.py sends every claim the
one same way.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.signed_in import sign_in_changed
from core.choices import ChoiceDisplayMixin
from partners.models import Membership, Role

from .texts import NOTIFICATIONS


class NotificationKind(models.TextChoices):
    INVITED_TO_CASE = "invited_to_case", _("your organisation was invited to a case")
    PARTICIPATION_ENDED = "participation_ended", _("your organisation's part in a case ended")
    COORDINATION_REQUESTED = "coordination_requested", _("someone asks to coordinate on a person in your case")
    # Reminders, sent by the sweep in interventions/reminders.py
    DUE_TOMORROW = "due_tomorrow", _("an action is due tomorrow")
    OVERDUE = "overdue", _("an action is overdue")
    ESCALATION = "escalation", _("an action is long overdue (to the case director)")
    REVIEW_UPCOMING = "review_upcoming", _("a case review is coming up")
    CASE_QUIET = "case_quiet", _("a case went quiet")
    # Early warnings and the weekly summary, from dashboards/alerts.py and dashboards/weekly.py
    NEIGHBOURHOOD_ALERT = "neighbourhood_alert", _("signals are rising in a neighbourhood")
    ADDRESS_ALERT = "address_alert", _("several partners report signals about one address")
    WEEKLY_SUMMARY = "weekly_summary", _("the weekly summary")
    # The AVG lifecycle, from privacy/retention.py
    RETENTION_DUE = "retention_due", _("a closed case is due for anonymisation")


REMINDER_KINDS = [
    NotificationKind.DUE_TOMORROW,
    NotificationKind.OVERDUE,
    NotificationKind.ESCALATION,
    NotificationKind.REVIEW_UPCOMING,
    NotificationKind.CASE_QUIET,
]


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self):
        """Mark every unread notification in this queryset read; returns how many."""
        unread = self.unread()
        # An update sends no signal: the readers' kept unread counts are replaced here.
        sign_in_changed(*unread.order_by().values_list("user_id", flat=True).distinct())
        return unread.update(read_at=timezone.now())


class Notification(ChoiceDisplayMixin, models.Model):
    """An in-app message to one user (the bell).

    What it says is stored as a code and its data (notifications/texts.py) and
    written out in the reader's language when shown: `text`.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    code = models.CharField(_("text"), max_length=40)
    data = models.JSONField(_("details"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_by_user")]

    def __str__(self):
        return self.text

    @property
    def text(self):
        """What the notification says, in the active language."""
        return NOTIFICATIONS.text(self.code, self.data)

    def mark_read(self):
        """Mark this notification read (no-op if it already is)."""
        if self.read_at is None:
            self.read_at = timezone.now()
            self.save(update_fields=["read_at"])


class NotificationPreference(models.Model):
    """Whether a user also wants a kind of notification by e-mail (in-app always)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    by_email = models.BooleanField(_("also by e-mail"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self):
        return f"{self.user} {self.kind} {'e-mail' if self.by_email else 'in-app'}"


def wants_email(user, kind):
    """E-mail is on unless the user switched it off for this kind."""
    return (
        NotificationPreference.objects.filter(user=user, kind=kind).values_list("by_email", flat=True).first()
        is not False
    )


class Claim(models.Model):
    """What every claim row has: claimed first, then sent (or skipped) under a row lock, exactly once."""

    claimed_at = models.DateTimeField(_("claimed at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    emailed = models.BooleanField(_("sent by e-mail"), default=False)
    skipped = models.BooleanField(_("skipped"), default=False)

    class Meta:
        abstract = True


def notify_coordinators(organisation, *, kind, code, data, url=""):
    """Leave an in-app notification for every coordinator (and case director) of the organisation.

    `code` and `data` say what it says (a registered notification text, notifications/texts.py).
    """
    NOTIFICATIONS.render(code, data)  # an unknown code or missing data fails here, not on someone's bell
    recipients = Membership.objects.filter(
        organisation=organisation, role__in=[Role.COORDINATOR, Role.CASE_DIRECTOR]
    ).values_list("user_id", flat=True)
    created = Notification.objects.bulk_create(
        Notification(user_id=user_id, kind=kind, code=code, data=data, url=url) for user_id in recipients
    )
    sign_in_changed(*(notification.user_id for notification in created))  # bulk_create sends no signal


class Sending(models.Model):
    """A claim between its two commits: the in-app notification is written, the e-mail is under way.

    `deliver` (notifications/delivery.py) commits this row together with the
    in-app notification *before* the e-mail leaves, and deletes it in the same
    transaction that marks the claim sent *after*. A row left behind is a
    delivery that died in between (a killed worker, a lost connection): once its
    lease has run out, the sweep queues the claim again and the e-mail goes out
    again, with the same Message-ID, while the in-app notification stays one.
    """

    outbox = models.CharField(_("outbox"), max_length=40)
    claim_id = models.BigIntegerField(_("claim"))
    message_id = models.CharField(_("Message-ID"), max_length=200)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    # Nobody else sends this e-mail before this moment: a delivery in flight is not doubled by a re-queue.
    lease_until = models.DateTimeField(_("leased until"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)

    class Meta:
        verbose_name = _("e-mail being sent")
        verbose_name_plural = _("e-mails being sent")
        constraints = [models.UniqueConstraint(fields=["outbox", "claim_id"], name="one_sending_per_claim")]

    def __str__(self):
        return self.message_id
