from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo.load import load


class Command(BaseCommand):
    help = ("Load the demo data of every app (the seed documents). Running it again changes "
            "nothing. Refused when DEBUG is false, unless --force-production is given.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--force-production", action="store_true",
            help="Load the demo data although DEBUG is false. No demo account then opens with "
                 "the published demo password, and no demo superuser is created.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force_production"]:
            raise CommandError(_(
                "DEBUG is false: this looks like production, and the demo data come with "
                "accounts whose password is published. Run load_demo with DEBUG=true, or give "
                "--force-production to load the data without those accounts' passwords."))
        load(self.stdout)
