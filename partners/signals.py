"""A change to who belongs where makes every cached Viewer answer out of date (partners/viewer.py).

Memberships, organisations (their active flag), teams and the team's members and neighbourhoods —
saved, deleted, or linked through the admin or a verb. Bulk writes send no signals: the commands that
make them (the demo and benchmark worlds) call partnership_changed() themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Membership, Organisation, Team
from .viewer import partnership_changed


def _changed(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):  # m2m_changed: once the rows are there
        partnership_changed()


def connect():
    for model in (Membership, Organisation, Team, Team.members.through, Team.neighbourhoods.through):
        post_save.connect(_changed, sender=model, dispatch_uid=f"partnership-save-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"partnership-delete-{model._meta.label}")
    for through in (Team.members.through, Team.neighbourhoods.through):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"partnership-m2m-{through._meta.label}")
