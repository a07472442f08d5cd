"""The financing records that keep the history of their changes (django-simple-history)."""

import simple_history

from financing import models


def register():
    """Keep the history of funds, contributors, pledges, payments, reserve movements, the
    contribution methods with their scales, and assessments. Called by the app's ready(), after
    modeltranslation has added the language columns, so that the historical tables keep both
    languages."""
    for model in [models.Fund, models.Contributor, models.Pledge, models.Payment,
                  models.ReserveMovement, models.Scale, models.ScaleShare,
                  models.ContributionMethod, models.Assessment]:
        simple_history.register(model)
