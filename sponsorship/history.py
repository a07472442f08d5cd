"""The sponsorship records that keep the history of their changes (django-simple-history)."""

import simple_history

from sponsorship import models


def register():
    """Decisions and costs are money and personal data: who changed them, and when, is kept.
    Called by the app's ready(), after modeltranslation has added the language columns, so that
    the historical tables keep both languages."""
    for model in [models.Programme, models.Round, models.Earmark, models.Application]:
        simple_history.register(model)
