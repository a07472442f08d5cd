import simple_history
from modeltranslation.translator import TranslationOptions, register

from budgets import models


@register(models.Category)
@register(models.Group)
@register(models.StaffPosition)
@register(models.TravelPurpose)
class TitledTranslation(TranslationOptions):
    fields = ("title",)


@register(models.ReserveFund)
class ReserveFundTranslation(TranslationOptions):
    fields = ("name", "decided_by")


@register(models.Line)
class LineTranslation(TranslationOptions):
    fields = ("label", "note")


@register(models.InKindSupport)
class InKindTranslation(TranslationOptions):
    fields = ("title", "provider", "description")


@register(models.Budget)
class BudgetTranslation(TranslationOptions):
    fields = ("source",)


@register(models.ForeignFunding)
class FundingTranslation(TranslationOptions):
    fields = ("source",)


# Registered after translation so that the historical tables keep both languages.
for model in [models.Budget, models.Group, models.Line, models.StaffPosition,
              models.TravelPurpose, models.InKindSupport, models.ReserveBalance]:
    simple_history.register(model)
