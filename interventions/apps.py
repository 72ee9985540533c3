import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cases.closing import register_settler


class InterventionsConfig(AppConfig):
    name = "interventions"
    verbose_name = _("Interventions")

    def ready(self):
        # Models are loaded only now: the reminders register their outbox with notifications/delivery.py,
        # the plan and action panels register with the case page and "Mijn werk" (cases/panels.py), and
        # a closing case settles its plan (cases/closing.py), and the plan's timeline lines get their
        # sentences (cases/texts.py).
        from . import closing, panels, reminders  # noqa: F401

        panels.register()
        register_settler(closing.settle_plan)
        register_timeline_texts()


def register_timeline_texts():
    """The sentences of the timeline lines the plan's verbs write. The data holds the codes of an
    intervention's kind and outcome and of the case's closing reason; the reader sees their labels."""
    from cases.models import ClosingReason
    from cases.texts import TIMELINE
    from core.templatetags.moments import day

    from .models import InterventionKind, Outcome

    kind = {"kind": InterventionKind}
    intervention = {"intervention_id": 1, "kind": "home_visit", "status": "planned"}
    action = {"action_id": 1, "title": "Huisbezoek plannen"}
    TIMELINE.register(
        "intervention_planned",
        _("Intervention planned: %(kind)s, led by %(organisation)s"),
        labels=kind,
        example={**intervention, "organisation": "Woonstad"},
    )
    TIMELINE.register(
        "intervention_started",
        _("Intervention started: %(kind)s"),
        labels=kind,
        example={**intervention, "status": "running"},
    )
    TIMELINE.register(
        "intervention_done",
        _("Intervention done: %(kind)s (%(outcome)s)"),
        labels={**kind, "outcome": Outcome},
        example={**intervention, "status": "done", "outcome": "partly"},
    )
    TIMELINE.register(
        "intervention_stopped",
        _("Intervention stopped: %(kind)s"),
        labels=kind,
        example={**intervention, "status": "stopped"},
    )
    TIMELINE.register(
        "intervention_progress",
        _("Progress on %(kind)s: %(body)s"),
        labels=kind,
        example={"intervention_id": 1, "kind": "home_visit", "body": "Huisbezoek gedaan, meneer staat open voor hulp."},
    )
    TIMELINE.register(
        "intervention_ended_with_case",
        _("Intervention ended with the case: %(kind)s (%(reason)s)"),
        labels={**kind, "reason": ClosingReason},
        values=lambda data: {"reason": data["ended_with_case"]},
        example={**intervention, "status": "stopped", "ended_with_case": "moved"},
    )
    TIMELINE.register(
        "intervention_cancelled_with_case",
        _("Intervention ended with the case: %(kind)s (case cancelled)"),
        labels=kind,
        example={**intervention, "status": "stopped", "ended_with_case": "cancelled"},
    )
    TIMELINE.register(
        "action_added",
        _("Action for %(who)s: %(title)s"),
        example={**action, "who": "Ruud Hendriks", "assignee_id": 1},
    )
    TIMELINE.register(
        "action_done",
        _("Action done: %(title)s — %(result)s"),
        example={**action, "result": "Gepland op dinsdag.", "done": True},
    )
    TIMELINE.register("action_reopened", _("Action reopened: %(title)s"), example={**action, "done": False})
    TIMELINE.register(
        "action_ended_with_case",
        _("Action ended with the case: %(title)s (%(reason)s)"),
        labels={"reason": ClosingReason},
        values=lambda data: {"reason": data["ended_with_case"]},
        example={**action, "ended_with_case": "moved"},
    )
    TIMELINE.register(
        "action_cancelled_with_case",
        _("Action ended with the case: %(title)s (case cancelled)"),
        example={**action, "ended_with_case": "cancelled"},
    )
    TIMELINE.register(
        "review_planned",
        _("Case review planned for %(date)s"),
        values=lambda data: {"date": day(datetime.date.fromisoformat(data["date"]))},
        example={"review_id": 1, "date": "2026-11-28"},
    )
    TIMELINE.register(
        "review_held",
        ngettext_lazy("Case review held; %(count)s decision", "Case review held; %(count)s decisions", "count"),
        example={"review_id": 1, "count": 2},
    )
