"""Early warnings (alerts) and the claims that make alerts and weekly summaries go out once."""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import VisibleQuerySet, covers
from core.choices import ChoiceDisplayMixin
from notifications.models import Claim, NotificationKind
from notifications.texts import Text


class AlertKind(models.TextChoices):
    NEIGHBOURHOOD = "neighbourhood", _("rising signals in a neighbourhood")
    ADDRESS = "address", _("signals from several partners about one address")
    VULNERABLE = "vulnerable", _("vulnerable and under pressure")


class AlertQuerySet(VisibleQuerySet):
    def _visibility(self, user):
        # Alerts are about signals, which every member of a covering team may see.
        return covers(user, "neighbourhood")

    def active(self):
        return self.filter(cleared_at__isnull=True)


class Alert(ChoiceDisplayMixin, models.Model):
    """An early warning, raised once while its condition holds and cleared when it stops.

    At most one active (uncleared) alert per neighbourhood, and per address,
    is a database constraint: two detection runs at once cannot raise it twice.
    `figures` keeps the counts that raised it, so the message can be rebuilt.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=AlertKind.choices)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.CASCADE,
        related_name="alerts",
        verbose_name=_("neighbourhood"),
    )
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    cleared_at = models.DateTimeField(_("cleared at"), null=True, blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-pk"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood"],
                condition=Q(kind="neighbourhood", cleared_at__isnull=True),
                name="one_active_neighbourhood_alert",
            ),
            models.UniqueConstraint(
                fields=["neighbourhood", "postcode", "house_number"],
                condition=Q(kind="address", cleared_at__isnull=True),
                name="one_active_address_alert",
            ),
            models.UniqueConstraint(
                fields=["neighbourhood"],
                condition=Q(kind="vulnerable", cleared_at__isnull=True),
                name="one_active_vulnerable_alert",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["neighbourhood", "vulnerable"])
                | (Q(kind="address", house_number__isnull=False) & ~Q(postcode="")),
                name="address_alert_has_an_address",
            ),
        ]
        indexes = [models.Index(fields=["cleared_at", "neighbourhood"], name="alert_active")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.neighbourhood} {self.address}".strip()

    @property
    def is_active(self):
        return self.cleared_at is None

    @property
    def address(self):
        return f"{self.postcode} {self.house_number}" if self.kind == AlertKind.ADDRESS else ""

    @property
    def window_start(self):
        """The first day of the signals behind the alert."""
        day = timezone.localtime(self.raised_at).date()
        if self.kind == AlertKind.VULNERABLE and self.figures.get("since"):
            return datetime.date.fromisoformat(self.figures["since"])
        if self.kind == AlertKind.NEIGHBOURHOOD:
            return day - datetime.timedelta(weeks=self.figures.get("recent_weeks", settings.ALERT_RECENT_WEEKS))
        return day - datetime.timedelta(days=self.figures.get("days", settings.ALERT_ADDRESS_DAYS))

    @property
    def signals_url(self):
        """The signal list narrowed to the neighbourhood and the alert's window: open to every covering team member."""
        query = urlencode({"neighbourhood": self.neighbourhood_id, "occurred_after": self.window_start.isoformat()})
        return f"{reverse('cases:signal_list')}?{query}"

    @property
    def notification_kind(self):
        # "Kwetsbaar en onder druk" is about a neighbourhood too: the same preference switches it.
        if self.kind in (AlertKind.NEIGHBOURHOOD, AlertKind.VULNERABLE):
            return NotificationKind.NEIGHBOURHOOD_ALERT
        return NotificationKind.ADDRESS_ALERT

    @property
    def message(self):
        """What was seen, from the figures that raised it: a Text (code and data, notifications/texts.py)
        that reads in the active language wherever it is shown, and that an in-app notification keeps.
        The sentences are registered in dashboards/alerts.py."""
        data = {**self.figures, "neighbourhood": self.neighbourhood.name}
        if self.kind == AlertKind.VULNERABLE:
            return Text("vulnerable_alert", data)
        if self.kind == AlertKind.NEIGHBOURHOOD:
            return Text("neighbourhood_alert" if data.get("baseline") else "neighbourhood_alert_from_none", data)
        return Text("address_alert", {**data, "address": self.address})


class AlertNotification(Claim):
    """An alert claimed for one recipient before it is sent: the unique constraint makes it once."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("alert"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )

    class Meta:
        verbose_name = _("alert notification")
        verbose_name_plural = _("alert notifications")
        constraints = [models.UniqueConstraint(fields=["alert", "recipient"], name="alert_notified_once")]
        indexes = [models.Index(fields=["sent_at"], name="alert_notification_unsent")]

    def __str__(self):
        return f"{self.alert_id} → {self.recipient_id}"


class WeeklySummarySent(Claim):
    """One person's weekly summary for the week starting `week_start` (a Monday), claimed once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    week_start = models.DateField(_("week starting"))

    class Meta:
        verbose_name = _("weekly summary sent")
        verbose_name_plural = _("weekly summaries sent")
        constraints = [models.UniqueConstraint(fields=["recipient", "week_start"], name="weekly_summary_once")]
        indexes = [models.Index(fields=["week_start", "sent_at"], name="weekly_summary_unsent")]

    def __str__(self):
        return f"{self.recipient_id} {self.week_start}"
