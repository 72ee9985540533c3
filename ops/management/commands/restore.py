"""`manage.py restore`: the newest database and attachment backups, back in place."""

from django.conf import settings
from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = (
        "Restore the newest backup of the database (dbrestore, replacing its tables) and of the attachments "
        "(mediarestore, replacing files of the same name). Stop web, worker and beat first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")
        parser.add_argument("--passphrase", default=None, help="the private key's passphrase, if it has one")

    def handle(self, **options):
        decrypt = bool(settings.BACKUP_GPG_RECIPIENT)
        common = {
            "uncompress": True,
            "decrypt": decrypt,
            # dbbackup prompts when given none; gpg ignores a passphrase for a key that has none.
            "passphrase": options["passphrase"] or "-",
            "interactive": options["interactive"],
            "verbosity": options["verbosity"],
        }
        call_command("dbrestore", **common)
        call_command("mediarestore", replace=True, **common)
        self.stdout.write("Database and attachments restored.")
