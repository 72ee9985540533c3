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
        # a closing case settles its plan (cases/closing.py).
        from . import closing, panels, reminders  # noqa: F401

        panels.register()
        register_settler(closing.settle_plan)
