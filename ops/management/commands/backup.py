"""`manage.py backup`: the database and the attachments, together, as the runbook schedules it."""

from django.conf import settings
from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = (
        "Back up the database (dbbackup) and the attachments (mediabackup) into BACKUP_DIR, compressed, "
        "encrypted for BACKUP_GPG_RECIPIENT when set; keeps the newest BACKUP_KEEP of each."
    )

    def handle(self, **options):
        settings.BACKUP_DIR.mkdir(parents=True, exist_ok=True)
        encrypt = bool(settings.BACKUP_GPG_RECIPIENT)
        verbosity = options["verbosity"]
        call_command("dbbackup", clean=True, compress=True, encrypt=encrypt, verbosity=verbosity)
        call_command("mediabackup", clean=True, compress=True, encrypt=encrypt, verbosity=verbosity)
        self.stdout.write(
            f"Database and attachments backed up to {settings.BACKUP_DIR}"
            + (f", encrypted for {settings.BACKUP_GPG_RECIPIENT}." if encrypt else " (not encrypted).")
        )
