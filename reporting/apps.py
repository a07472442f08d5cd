from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Progress")

    def ready(self):
        from reporting import history

        history.register()
        import reporting.receivers  # noqa: F401  (the link from a plan's page to its progress)
