from modeltranslation.translator import TranslationOptions, register

from meetings import models


@register(models.Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("venue",)


@register(models.AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title",)


@register(models.MeetingPattern)
class MeetingPatternTranslation(TranslationOptions):
    fields = ("name",)


@register(models.Organization)
@register(models.Committee)
class NameTranslation(TranslationOptions):
    fields = ("name",)


@register(models.CommitteeMeeting)
class CommitteeMeetingTranslation(TranslationOptions):
    fields = ("record",)


@register(models.IsuActivity)
class IsuActivityTranslation(TranslationOptions):
    fields = ("description",)


@register(models.Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "subtitle", "submitted_by")


@register(models.MastheadNote)
@register(models.Block)
@register(models.Footnote)
class TextTranslation(TranslationOptions):
    fields = ("text",)

