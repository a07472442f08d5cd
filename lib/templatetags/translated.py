from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from lib.numbering import chapter_label as _chapter_label
from lib.translated_fields import translated_value

register = template.Library()

LANGUAGE_NAMES = {"zh-hans": "中文", "en": "English"}


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
        % {"language": LANGUAGE_NAMES.get(code, code)},
    )


@register.filter
def chapter_label(number):
    return _chapter_label(number, translation.get_language()) if number else ""


@register.filter
def language_name(code):
    """A language as its own speakers name it: 中文, English."""
    return LANGUAGE_NAMES.get(code, code)
