from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self):
        from core import table_versions

        # Every read of case content writes a row to the access log; nothing kept depends on it, so those
        # writes replace no table version (a cache round trip each) and a page that reads it is never kept.
        table_versions.unversioned(self.get_model("AccessLogEntry"))
