from modeltranslation.translator import TranslationOptions, register

from sponsorship import models


@register(models.Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("administered_by", "governing_body")

