from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data (`manage.py load_demo`): the seed documents, loaded through the services
    the staff use. It has no tables of its own, and no other app imports it."""

    name = "demo"
    verbose_name = _("Demo data")
