from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = _("Budgets")

    def ready(self):
        from budgets.rendering import plan_budget_html
        from budgets.services import copy_budgets
        from workplans.rendering import budget_renderers
        from workplans.services import tree_copiers

        # Plug the budget into the plan's copies and its budget chapter (workplans never
        # imports budgets).
        if copy_budgets not in tree_copiers:
            tree_copiers.append(copy_budgets)
        if plan_budget_html not in budget_renderers:
            budget_renderers.append(plan_budget_html)

    def load_demo(self, stdout):
        from budgets.demo import load

        load(stdout)
