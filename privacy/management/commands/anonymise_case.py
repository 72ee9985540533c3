"""`manage.py anonymise_case CASE_ID`: anonymise a case whose two approvals are in (privacy/anonymise.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.models import Case
from privacy.anonymise import anonymise_case
from privacy.models import RetentionReview


class Command(BaseCommand):
    help = "Anonymise a closed case that its director and a privacy officer approved (or any, with --force and DEBUG)."

    def add_arguments(self, parser):
        parser.add_argument("case_id", type=int)
        parser.add_argument("--force", action="store_true", help="without approvals; only with DEBUG on")

    def handle(self, case_id, force, **options):
        case = Case.objects.filter(pk=case_id).first()
        if case is None:
            raise CommandError(f"No case {case_id}.")
        approved = RetentionReview.objects.filter(
            case=case, director_approved_at__isnull=False, officer_approved_at__isnull=False
        ).exists()
        if not approved and case.anonymised_at is None:
            if not force:
                raise CommandError(
                    f"Case {case_id} lacks the two approvals (its director and a privacy officer); nothing changed."
                )
            if not settings.DEBUG:
                raise CommandError("--force works only with DEBUG on; nothing changed.")
        if case.is_open:
            raise CommandError(f"Case {case_id} is open: close it first.")
        ran = anonymise_case(case)
        self.stdout.write(f"Case {case_id} {'anonymised' if ran else 'was anonymised already; files checked'}.")
