"""How the public site names a convention where space is short (its navigation, its lists'
headings): by its code in English, where the code is the abbreviation readers know; by its
translated short name in the other languages (《集束弹药公约》)."""

from django import template

from lib.languages import WORKING_LANGUAGE, supported

register = template.Library()


def _by_code():
    return supported() == WORKING_LANGUAGE


@register.filter
def convention_label(convention):
    """The convention's code in English (CCM), its short name in the other languages."""
    return convention.code if _by_code() else convention.short_name

