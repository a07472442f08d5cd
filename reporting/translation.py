from modeltranslation.translator import TranslationOptions, register

from reporting import models


@register(models.ProgressUpdate)
class ProgressUpdateTranslation(TranslationOptions):
    fields = ("account",)


@register(models.IndicatorValue)
class IndicatorValueTranslation(TranslationOptions):
    fields = ("source",)
