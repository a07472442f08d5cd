"""The budgets' records that keep the history of their changes (django-simple-history)."""

import simple_history

from budgets import models


def register():
    """Keep the history of budgets and their rows, of the spending recorded against them, and
    of the reserve's balances. Called by the app's ready(), after modeltranslation has added
    the language columns, so that the historical tables keep both languages."""
    for model in [models.Budget, models.Group, models.Line, models.StaffPosition,
                  models.TravelPurpose, models.InKindSupport, models.ReserveBalance,
                  models.Expenditure, models.CarryForward, models.Reallocation]:
        simple_history.register(model)
