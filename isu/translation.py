from modeltranslation.translator import TranslationOptions, register

from isu.models import Action, ActionPlan, Convention


@register(Convention)
class ConventionTranslation(TranslationOptions):
    fields = ("name", "short_name", "isu_host", "endorsing_body", "adopting_body",
              "masthead_name")


@register(ActionPlan)
class ActionPlanTranslation(TranslationOptions):
    fields = ("name",)


@register(Action)
class ActionTranslation(TranslationOptions):
    fields = ("text",)
