from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from isu.translation_checks import localized, missing_languages, translated_field_names

MISSING_CLASS = "translation-missing"


class TranslationMarkerForm(forms.ModelForm):
    """Marks every language field left empty while the other language is filled."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for field in translated_field_names(type(self.instance)):
            for code in missing_languages(self.instance, field):
                form_field = self.fields.get(localized(field, code))
                if form_field is None:
                    continue
                classes = form_field.widget.attrs.get("class", "")
                form_field.widget.attrs["class"] = f"{classes} {MISSING_CLASS}".strip()
                form_field.help_text = _("Translation missing")


COMPACT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 48})}}


def bilingual(*fields):
    """Form field names for both languages of each translated field, Chinese first."""
    return [f"{name}_{code}" for name in fields for code in ("zh_hans", "en")]
