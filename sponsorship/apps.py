from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SponsorshipConfig(AppConfig):
    name = "sponsorship"
    verbose_name = _("Sponsorship programme")

    def ready(self):
        from financing import guards
        from financing.models import Fund
        from sponsorship import history, services

        history.register()
        guards.register(Fund.Kind.SPONSORSHIP, services.ledger_guard)
