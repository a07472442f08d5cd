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



@register(models.Expenditure)
class ExpenditureTranslation(TranslationOptions):
    fields = ("note",)


@register(models.CarryForward)
@register(models.Reallocation)
class ReasonTranslation(TranslationOptions):
    fields = ("reason",)
