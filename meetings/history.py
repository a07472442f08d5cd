"""The meetings' records that keep the history of their changes (django-simple-history)."""

import simple_history

from meetings import models


def register():
    """Keep the history of meetings, agendas and documents with their bodies. Called by the
    app's ready(), after modeltranslation has added the language columns, so that the historical
    tables keep both languages."""
    for model in [models.Meeting, models.AgendaItem, models.Document, models.MastheadNote,
                  models.Block, models.Footnote]:
        simple_history.register(model)
