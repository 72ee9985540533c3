"""An organisation's part in a case, and the rule built on it: rows of a case are visible to its active participants."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceDisplayMixin
from core.compiled import CompiledRows
from partners.viewer import viewer_of

from .visibility import VisibleQuerySet


def participates(user, case_ref):
    """Exists(): one of the user's organisations actively takes part in the case at `case_ref`.

    This is the need-to-know rule; every case-related queryset reuses it.
    """
    return Exists(
        CaseParticipant.objects.active().filter(case=case_ref, organisation__in=viewer_of(user).organisation_ids)
    )


class CaseChildQuerySet(VisibleQuerySet):
    """Rows that belong to a case are visible exactly when their case is
    (and, for some kinds of row, when the row's own condition holds too)."""

    def _visibility(self, user):
        return Q(participates(user, OuterRef("case"))) & self._within_case(viewer_of(user).organisation_ids)

    def _within_case(self, organisation_ids):
        """Q: the row's own condition, for someone of `organisation_ids` who takes part in its case."""
        return Q()

    def visible_in(self, access):
        """The rows of `access.case` that `access.user` may see.

        `access` is a CaseAccess from cases/access.py, which only exists when the
        user takes part in the case: only the rows' own condition is asked again
        (a page showing six kinds of row saves six participation subqueries).
        """
        return self.in_case(access.case.pk, viewer_of(access.user).organisation_ids)

    def in_case(self, case_pk, organisation_ids):
        """`visible_in` by ids: the rows of case `case_pk` that someone of `organisation_ids` may see, given
        that one of them takes part in it (a CaseAccess says so). For the case page's queries made SQL once
        (`CaseRows` below), which are built with stand-ins for the ids."""
        within = self._within_case(organisation_ids)
        # One filter, on the column: a model instance as the value and an empty Q() each cost a pass through the
        # ORM's lookup machinery, nine times on the case page.
        return self.filter(within, case_id=case_pk) if within else self.filter(case_id=case_pk)


class CaseRows:
    """Rows of one case that a page reads on every visit, its query made SQL once per process: `CaseRows(build)`,
    where `build(case_pk, organisation_ids, *more)` returns a queryset on `in_case(case_pk, organisation_ids)`;
    then `rows(access, *more)` gives its rows for a CaseAccess, `more` being further ids or flags
    (core/compiled.py CompiledRows: about half a millisecond of the ORM's building and compiling saved per
    query)."""

    def __init__(self, build, first=None):
        """`first`: only so many rows, the first ones (a page's latest notes); `queryset()` gives the rest."""
        self._build = build
        self._compiled = CompiledRows(build if first is None else lambda *ids: build(*ids)[:first])

    def __call__(self, access, *more):
        return self._compiled(*self._ids(access), *more)

    def queryset(self, access, *more):
        """The queryset itself, every row, for what the compiled rows do not cover (a slice further on)."""
        return self._build(*self._ids(access), *more)

    @staticmethod
    def _ids(access):
        return access.case.pk, tuple(viewer_of(access.user).organisation_ids)


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("lead")
    PARTNER = "partner", _("partner")
    CONSULTED = "consulted", _("consulted")


class EndReason(models.TextChoices):
    ENDED = "ended", _("ended by the case director")
    SCALED_DOWN = "scaled_down", _("scaled down")
    CASE_CLOSED = "case_closed", _("case closed")


class CaseParticipantQuerySet(models.QuerySet):
    def active(self, on=None):
        """Participations that give access today: started and not yet ended."""
        on = on or timezone.localdate()
        return self.filter(models.Q(until__isnull=True) | models.Q(until__gt=on), since__lte=on)


class CaseParticipant(ChoiceDisplayMixin, models.Model):
    """An organisation's part in a case, with the purpose / legal basis of its access."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="participants", verbose_name=_("case")
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=12, choices=ParticipantRole.choices, default=ParticipantRole.PARTNER)
    legal_basis = models.CharField(_("purpose / legal basis"), max_length=300)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)
    ended_reason = models.CharField(_("why it ended"), max_length=12, choices=EndReason.choices, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CaseParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["since", "pk"]
        verbose_name = _("case participant")
        verbose_name_plural = _("case participants")
        # Both directions of the need-to-know rule from the index alone: the cases of my
        # organisations, and whether my organisation takes part in this case.
        indexes = [
            models.Index(
                fields=["organisation", "case"], name="participant_by_organisation", include=["since", "until"]
            ),
            models.Index(fields=["case", "organisation"], name="participant_by_case", include=["since", "until"]),
        ]

    def __str__(self):
        return f"{self.organisation} in {self.case}"
