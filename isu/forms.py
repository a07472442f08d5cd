from django import forms
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
