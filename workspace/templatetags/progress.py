from django import template

from reporting.forms import evidence_labels
from reporting.outline import period_slug as _period_slug

register = template.Library()


@register.filter
def evidence(update):
    """[(kind of record, [labels])] of an update's evidence (prefetched with it)."""
    return evidence_labels(update)


@register.filter
def period_slug(period):
    """A period as the progress page's address names it: 2026-q4."""
    return _period_slug(period)
