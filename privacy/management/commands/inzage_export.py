"""`manage.py inzage_export PERSON_ID --out DIR`: write the inzage export the privacy page offers."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cases.models import Person
from partners.models import Membership, Role
from privacy.inzage import inzage_export


class Command(BaseCommand):
    help = "Write the inzage export (zip with inzage.html and inzage.json) of a person, as a privacy officer makes it."

    def add_arguments(self, parser):
        parser.add_argument("person_id", type=int)
        parser.add_argument("--out", required=True, help="the folder to write the zip to")
        parser.add_argument("--as", dest="username", help="the privacy officer (default: one of the lead organisation)")

    def handle(self, person_id, out, username, **options):
        person = Person.objects.select_related("case").filter(pk=person_id).first()
        if person is None:
            raise CommandError(f"No person {person_id}.")
        membership = Membership.objects.filter(
            organisation=person.case.lead_organisation, role__in=[Role.PRIVACY_OFFICER, Role.ADMINISTRATOR]
        ).select_related("user", "organisation")
        if username:
            officer = get_user_model().objects.filter(username=username).first()
            membership = membership.filter(user=officer)
        membership = membership.order_by("role", "pk").first()
        if membership is None:
            raise CommandError("No privacy officer or administrator of the case's lead organisation to make it as.")
        export = inzage_export(person, by=membership.user, organisation=membership.organisation)
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / export.filename).write_bytes(export.content)
        self.stdout.write(str(folder / export.filename))
