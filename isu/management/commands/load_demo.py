from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo data of every app (the seed documents). Running it again changes nothing."

    def handle(self, *args, **options):
        # Apps are listed in dependency order in INSTALLED_APPS, so each finds what it builds on.
        with transaction.atomic():
            for config in apps.get_app_configs():
                loader = getattr(config, "load_demo", None)
                if loader is not None:
                    loader(self.stdout)
