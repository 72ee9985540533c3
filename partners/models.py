"""Partner organisations, their people (memberships with a role) and wijkteams."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.choices import ChoiceDisplayMixin


class OrganisationKind(models.TextChoices):
    HOUSING_CORPORATION = "housing_corporation", _("housing corporation")
    MUNICIPALITY = "municipality", _("municipality")
    POLICE = "police", _("police")
    MENTAL_HEALTH = "mental_health", _("mental-health care (GGZ)")
    ID_CARE = "id_care", _("care for people with an intellectual disability")
    SOCIAL_WORK = "social_work", _("social work")
    SOCIAL_TEAM = "social_team", _("social neighbourhood team")
    PUBLIC_HEALTH = "public_health", _("public health (GGD)")
    DOMESTIC_ABUSE = "domestic_abuse", _("domestic-abuse centre (Veilig Thuis)")
    CARE_AND_SAFETY = "care_and_safety", _("care-and-safety house")
    MEDIATION = "mediation", _("mediation service")
    OTHER = "other", _("other")


class Organisation(ChoiceDisplayMixin, models.Model):
    name = models.CharField(_("name"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    PROFESSIONAL = "professional", _("professional")
    COORDINATOR = "coordinator", _("partner coordinator")
    CASE_DIRECTOR = "case_director", _("case director")
    MANAGER = "manager", _("manager")
    ADMINISTRATOR = "administrator", _("administrator")


class MembershipQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(user=user, organisation__is_active=True)


class Membership(ChoiceDisplayMixin, models.Model):
    """A user's place in an organisation; the role decides what they may do there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.PROFESSIONAL)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_organisation"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"

    @property
    def can_direct_cases(self):
        return self.role in (Role.CASE_DIRECTOR, Role.ADMINISTRATOR)

    @property
    def can_coordinate(self):
        return self.role in (Role.COORDINATOR, Role.CASE_DIRECTOR, Role.ADMINISTRATOR)

    @property
    def sees_aggregates(self):
        return self.role in (Role.MANAGER, Role.CASE_DIRECTOR, Role.ADMINISTRATOR)


class Team(models.Model):
    """A wijkteam: people from several organisations covering a set of neighbourhoods."""

    name = models.CharField(_("name"), max_length=160, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="teams", blank=True, verbose_name=_("members")
    )
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood", related_name="teams", blank=True, verbose_name=_("neighbourhoods")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name


class NotificationKind(models.TextChoices):
    INVITED_TO_CASE = "invited_to_case", _("your organisation was invited to a case")
    PARTICIPATION_ENDED = "participation_ended", _("your organisation's part in a case ended")
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
        return self.unread().update(read_at=timezone.now())


class Notification(ChoiceDisplayMixin, models.Model):
    """An in-app message to one user (the bell)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    message = models.CharField(_("message"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.message

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


def notify_coordinators(organisation, *, kind, message, url=""):
    """Leave an in-app notification for every coordinator (and case director) of the organisation."""
    recipients = Membership.objects.filter(
        organisation=organisation, role__in=[Role.COORDINATOR, Role.CASE_DIRECTOR]
    ).values_list("user_id", flat=True)
    Notification.objects.bulk_create(
        Notification(user_id=user_id, kind=kind, message=message[:300], url=url) for user_id in recipients
    )
