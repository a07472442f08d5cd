"""Form fields of official documents shared by the admin and the workspace."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lib.languages import UN_LANGUAGES


class LanguagesField(forms.MultipleChoiceField):
    """The languages a document is issued in, ticked among the six official languages of the
    United Nations; its value is the list of their codes in the order of those six, as
    Document.languages stores it."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", UN_LANGUAGES)
        kwargs.setdefault("label", capfirst(_("languages available")))
        kwargs.setdefault("help_text", _("Tick each language in which the document is issued."))
        super().__init__(**kwargs)

    def clean(self, value):
        chosen = set(super().clean(value))
        return [code for code, _name in UN_LANGUAGES if code in chosen]
