from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from lib.languages import WORKING_LANGUAGE, conventions
from lib.languages import language_name as _language_name
from lib.numbering import chapter_label as _chapter_label
from lib.translated_fields import LANGUAGE_CODES, localized, translated_value, values_by_language

register = template.Library()


@register.simple_tag
def tr(obj, field):
    """A translated field in the page's language; a missing translation falls back to the other
    language, visibly marked, never blank."""
    language = translation.get_language()
    value, code = translated_value(obj, field, language)
    if code == language:
        return value
    return format_html(
        '<span class="fallback" lang="{}">{}</span> <small class="fallback-note">[{}]</small>',
        code, value, _("not yet translated; shown in %(language)s")
        % {"language": _language_name(code)},
    )


@register.filter
def chapter_label(number):
    return _chapter_label(number, translation.get_language()) if number else ""


@register.filter
def language_name(code):
    """A language as its own speakers name it: 中文, English."""
    return _language_name(code)


@register.filter
def in_any_language(obj, field):
    """Whether a translated field has a text in some language: {% if plan|in_any_language:"title" %}."""
    return any(values_by_language(obj, field).values())


@register.filter
def in_each_language(form, field):
    """A form's fields of a translated field, one per language: form|in_each_language:"note"."""
    return [form[localized(field, code)] for code in LANGUAGE_CODES]


@register.filter
def in_working_language(values):
    """The value for the working language of a {code: value} mapping (a row's numbers)."""
    return values.get(WORKING_LANGUAGE, "")


@register.simple_tag
def colon():
    """Between a label and what it labels, as the page's language writes it: ": " / "："."""
    return conventions().colon


@register.simple_tag
def comma():
    """Between the parts of a phrase, as the page's language writes it: ", " / "，"."""
    return conventions().comma


@register.simple_tag
def sentence_space():
    """Between two sentences, as the page's language writes them: " " / "" (Chinese puts no
    space after its full stop)."""
    return "" if conventions().script == "Hans" else " "


@register.simple_tag
def enumeration():
    """Between the items of a list, as the page's language writes it: ", " / "、"."""
    return conventions().enumeration

