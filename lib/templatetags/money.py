from django import template
from django.utils import translation

from lib.money import format_money, format_percent

register = template.Library()


@register.filter
def money(value, currency="CHF"):
    """'CHF 769,221' in English pages, '769,221 瑞郎' in Chinese ones."""
    return format_money(value, translation.get_language(), currency)


@register.filter
def money_exact(value, currency="CHF"):
    """The amount to the centime, in the page's language: 'EUR 1,234.50' / '1,234.50 欧元'."""
    return format_money(value, translation.get_language(), currency, centimes=True)


@register.filter
def pct(value):
    return format_percent(value, translation.get_language())
