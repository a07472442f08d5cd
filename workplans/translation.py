import simple_history
from modeltranslation.translator import TranslationOptions, register

from workplans import models, tree


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
for model in [models.WorkPlan, *tree.row_models()]:
    cites = any(field.name == "actions" for field in model._meta.many_to_many)
    simple_history.register(model, m2m_fields=["actions"] if cites else ())
