from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from demo.accounts import DEMO_PASSWORD, USERS


class Command(BaseCommand):
    help = "Print the demo logins (with DEBUG true only: in production they do not exist)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            self.stdout.write(_("DEBUG is false: there are no demo logins to show."))
            return
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, _first, _last, superuser, roles in USERS:
            what = "superuser" if superuser else ", ".join(
                f"{role.label} ({code})" for code, role in roles
            )
            self.stdout.write(f"  {username:15} {what}")
