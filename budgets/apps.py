from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = _("Budgets")

    def ready(self):
        from budgets.services import copy_budgets
        from workplans.services import tree_copiers

        if copy_budgets not in tree_copiers:
            tree_copiers.append(copy_budgets)

    def load_demo(self, stdout):
        from budgets.demo import load

        load(stdout)
