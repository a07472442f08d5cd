"""What budgets adds to workplans: the budget chapter's table and charts, the budgets that
follow a plan into its copies, and whether a plan has a budget at all."""

from django.dispatch import receiver

from budgets.models import Line
from budgets.rendering import budget_summary_text, plan_budget_html
from budgets.services import copy_budgets
from workplans.signals import plan_budget, plan_budget_summary, plan_budgeted, plan_copied


@receiver(plan_budget)
def draw_plan_budget(sender, plan, language, for_pdf, **kwargs):
    return plan_budget_html(plan, language, for_pdf)


@receiver(plan_budget_summary)
def summarise_plan_budget(sender, plan, language, **kwargs):
    return budget_summary_text(plan, language)


@receiver(plan_copied)
def copy_plan_budgets(sender, source, new, years, left_out, **kwargs):
    if copy_budgets.choice not in left_out:  # a clone made with budget=False
        copy_budgets(source, new, years)


@receiver(plan_budgeted)
def plan_has_budget_lines(sender, plan, **kwargs):
    return Line.objects.filter(budget__plan=plan).exists()
