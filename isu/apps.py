from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IsuConfig(AppConfig):
    name = "isu"
    verbose_name = _("Conventions and roles")

    def ready(self):
        import isu.receivers  # noqa: F401  (staff status follows the roles)
