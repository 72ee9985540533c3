"""A case file's lifecycle under the AVG: its retention review, the reminders about it, and files to delete.

A closed or cancelled case is due for anonymisation CASE_RETENTION_MONTHS
after it was closed (privacy/retention.py). Its RetentionReview collects the
two approvals (the case's director, and a privacy officer or administrator of
its lead organisation) or an extension with a reason and a new date.
Anonymising (privacy/anonymise.py) deletes attachment files after the database
has committed; FileToDelete holds what is still to go, so a run that stopped
half-way is finished by the next.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.models import Claim


class RetentionReview(models.Model):
    """A case due for anonymisation, and what its director and a privacy officer decided."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="retention", verbose_name=_("case")
    )
    due_on = models.DateField(_("due on"))
    listed_at = models.DateTimeField(_("listed at"), auto_now_add=True)
    director_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by (director)"),
    )
    director_approved_at = models.DateTimeField(_("director approved at"), null=True, blank=True)
    officer_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by (privacy officer)"),
    )
    officer_approved_at = models.DateTimeField(_("privacy officer approved at"), null=True, blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("extended by"),
    )
    extension_reason = models.CharField(_("reason for the extension"), max_length=500, blank=True)
    extended_at = models.DateTimeField(_("extended at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("retention review")
        verbose_name_plural = _("retention reviews")

    def __str__(self):
        return f"{self.case_id} due {self.due_on}"

    @property
    def approved(self):
        return self.director_approved_at is not None and self.officer_approved_at is not None


class RetentionReminder(Claim):
    """One reminder of one due case to one person in one week (a Monday): claimed once, sent once."""

    review = models.ForeignKey(
        RetentionReview, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("retention review")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    week_start = models.DateField(_("week starting"))

    class Meta:
        verbose_name = _("retention reminder")
        verbose_name_plural = _("retention reminders")
        constraints = [
            models.UniqueConstraint(fields=["review", "recipient", "week_start"], name="retention_reminded_weekly")
        ]
        indexes = [models.Index(fields=["sent_at"], name="retention_reminder_unsent")]

    def __str__(self):
        return f"{self.review_id} → {self.recipient_id} ({self.week_start})"


class FileToDelete(models.Model):
    """A stored file that an anonymisation removed from the database and still has to remove from storage."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+", verbose_name=_("case"))
    name = models.CharField(_("file"), max_length=300)

    class Meta:
        verbose_name = _("file to delete")
        verbose_name_plural = _("files to delete")

    def __str__(self):
        return self.name
