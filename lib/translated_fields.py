"""Shared rules for translated content fields (a column per language of settings.LANGUAGES), used
by models, admin forms and the API."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from lib.languages import LANGUAGE_CODES


def translated_field_names(model):
    """Names of the model's translated fields ('title', 'text'…), or [] if none."""
    try:
        return list(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return []


def localized(field, language):
    """The column of a translated field in a language: ('title', 'pt-br') → 'title_pt_br'."""
    return build_localized_fieldname(field, language)


def values_by_language(instance, field):
    return {code: getattr(instance, localized(field, code)) or "" for code in LANGUAGE_CODES}


def require_text_in_one_language(instance, *fields):
    """Raise a ValidationError on each field left empty in every language."""
    errors = {}
    for field in fields:
        if not any(value.strip() for value in values_by_language(instance, field).values()):
            label = instance._meta.get_field(field).verbose_name
            message = _("Enter the %(field)s in Chinese or in English.") % {"field": label}
            for code in LANGUAGE_CODES:
                errors[localized(field, code)] = message
    if errors:
        raise ValidationError(errors)


def missing_languages(instance, field):
    """Languages in which a field is empty while another language has it."""
    values = values_by_language(instance, field)
    if not any(value.strip() for value in values.values()):
        return []
    return [code for code, value in values.items() if not value.strip()]


def translation_completeness(instances):
    """(translated, total) over every filled translated field of the instances."""
    translated = total = 0
    for instance in instances:
        for field in translated_field_names(type(instance)):
            values = values_by_language(instance, field).values()
            if any(value.strip() for value in values):
                total += 1
                if all(value.strip() for value in values):
                    translated += 1
    return translated, total


def translated_value(obj, field, language):
    """(text, language it is in): the given language, else the other one, else ('', language)."""
    for code in [language, *[c for c in LANGUAGE_CODES if c != language]]:
        value = getattr(obj, localized(field, code), "") or ""
        if value.strip():
            return value, code
    return "", language
