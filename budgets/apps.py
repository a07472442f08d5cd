from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = _("Budgets")

    def ready(self):
        import budgets.receivers  # noqa: F401  (the budget in the plan's chapter and copies)
        from budgets import history

        history.register()
