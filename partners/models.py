"""Partner organisations, their people (memberships with a role) and wijkteams."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceDisplayMixin


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
    PRIVACY_OFFICER = "privacy_officer", _("privacy officer")


# Who may direct cases (open one, lead one, take direction over) for their organisation.
DIRECTING_ROLES = (Role.CASE_DIRECTOR, Role.ADMINISTRATOR)


class MembershipQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(user=user, organisation__is_active=True)

    def directing(self):
        """Memberships that may direct cases: `can_direct_cases` as a filter."""
        return self.filter(role__in=DIRECTING_ROLES)


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
        return self.role in DIRECTING_ROLES

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
