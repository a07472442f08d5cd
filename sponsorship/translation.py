import simple_history
from modeltranslation.translator import TranslationOptions, register

from sponsorship import models


@register(models.Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("administered_by", "governing_body")


# Registered after translation so that the historical tables keep both languages. Decisions
# and costs are money and personal data: who changed them, and when, is kept.
for model in [models.Programme, models.Round, models.Contribution, models.Application]:
    simple_history.register(model)
