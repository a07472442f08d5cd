from modeltranslation.translator import TranslationOptions, register

from financing import models


@register(models.Fund)
class FundTranslation(TranslationOptions):
    fields = ("name",)


@register(models.Scale)
class ScaleTranslation(TranslationOptions):
    fields = ("source",)


@register(models.ReserveMovement)
class ReserveMovementTranslation(TranslationOptions):
    fields = ("reason",)
