import simple_history
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


# History is registered after translation so that the historical tables keep both languages
# (a HistoricalRecords() declared on the model would be built before the language columns exist).
for model in [models.WorkPlan, models.SummaryItem, models.Chapter, models.Section,
              models.Paragraph, models.SubParagraph, models.ThematicArea, models.Impact,
              models.Output, models.Indicator]:
    simple_history.register(model)
for model in [models.Outcome, models.Activity]:
    simple_history.register(model, m2m_fields=["actions"])
