"""What budgets adds to workplans: the budget chapter's table and charts, and the budgets that
follow a plan into its copies."""

from django.dispatch import receiver

from budgets.rendering import plan_budget_html
from budgets.services import copy_budgets
from workplans.signals import plan_budget, plan_copied


@receiver(plan_budget)
def draw_plan_budget(sender, plan, language, for_pdf, **kwargs):
    return plan_budget_html(plan, language, for_pdf)


@receiver(plan_copied)
def copy_plan_budgets(sender, source, new, years, left_out, **kwargs):
    if copy_budgets.choice not in left_out:  # a clone made with budget=False
        copy_budgets(source, new, years)
