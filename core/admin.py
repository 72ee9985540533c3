"""Admin pages that never show case content: an administrator sees cases only through their memberships."""

from collections import Counter

from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.utils.text import capfirst
from django.utils.translation import gettext as _

# Rows of these apps are case content (titles, notes, actions): shown on an admin page only as a count.
CASE_CONTENT_APPS = {"cases", "interventions"}


def _is_case_content(obj):
    return obj._meta.app_label in CASE_CONTENT_APPS


class NeedToKnowDeletionMixin:
    """The delete confirmation names no case row: it says how many of each kind protect or go with the object.

    Django lists every related row by its text (a case title, a note's opening words), which would show
    an administrator who takes part in no case what its files hold.
    """

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, _protected = super().get_deleted_objects(objs, request)
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)

        def shown(obj):
            if _is_case_content(obj):
                return _("%(kind)s (not shown: need-to-know)") % {"kind": capfirst(obj._meta.verbose_name)}
            return f"{capfirst(obj._meta.verbose_name)}: {obj}"

        hidden = Counter(capfirst(o._meta.verbose_name_plural) for o in collector.protected if _is_case_content(o))
        protected = [shown(o) for o in collector.protected if not _is_case_content(o)]
        protected += [f"{kind}: {count}" for kind, count in sorted(hidden.items())]
        return collector.nested(shown), model_count, perms_needed, protected
