from django import template

register = template.Library()


@register.filter
def of(mapping, key):
    """mapping|of:key — a value of a dict by a key held in a variable."""
    return mapping.get(key, "")
