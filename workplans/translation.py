from modeltranslation.translator import TranslationOptions, register

from workplans import models


@register(models.WorkPlan)
class WorkPlanTranslation(TranslationOptions):
    fields = ("title", "main_objective")


@register(models.Chapter)
@register(models.Section)
@register(models.ThematicArea)
class TitledTranslation(TranslationOptions):
    fields = ("title",)


@register(models.SummaryItem)
@register(models.Paragraph)
@register(models.SubParagraph)
@register(models.Impact)
@register(models.Outcome)
@register(models.Output)
@register(models.Activity)
class TextTranslation(TranslationOptions):
    fields = ("text",)


@register(models.Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("description", "unit")

