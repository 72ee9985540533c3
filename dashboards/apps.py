from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """Figures across all four domain apps for managers: overviews, alerts, weekly summaries."""

    name = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self):
        # The early warnings and weekly summaries register their outboxes with notifications/delivery.py.
        from . import alerts, weekly  # noqa: F401
