from django.core.management.base import BaseCommand

from isu.demo import DEMO_PASSWORD, USERS


class Command(BaseCommand):
    help = "Print the demo logins."

    def handle(self, *args, **options):
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, _first, _last, superuser, roles in USERS:
            what = "superuser" if superuser else ", ".join(
                f"{role.label} ({code})" for code, role in roles
            )
            self.stdout.write(f"  {username:15} {what}")
