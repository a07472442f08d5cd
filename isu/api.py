from django import forms
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from isu.models import Convention
from isu.translation_checks import LANGUAGE_CODES, values_by_language


@extend_schema_field(
    {
        "type": "object",
        "properties": {code: {"type": "string"} for code in LANGUAGE_CODES},
        "description": "The text in each language; an empty string where it is not translated.",
    }
)
class TranslatedField(serializers.Field):
    """A translated model field as {"zh-hans": …, "en": …}."""

    def __init__(self, field, **kwargs):
        self.translated_field = field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return values_by_language(instance, self.translated_field)


class ConventionSerializer(serializers.ModelSerializer):
    name = TranslatedField("name")
    short_name = TranslatedField("short_name")
    isu_host = TranslatedField("isu_host")

    class Meta:
        model = Convention
        fields = ["code", "name", "short_name", "isu_host", "document_series", "meeting_style"]


class ConventionViewSet(viewsets.ReadOnlyModelViewSet):
    """The conventions served by the Implementation Support Units."""

    queryset = Convention.objects.all()
    serializer_class = ConventionSerializer
    lookup_field = "code"
    pagination_class = None


class YearFilter(filters.NumberFilter):
    """A whole year between 1990 and 2100; anything else is a 400, never a database error."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1990)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class IdFilter(filters.NumberFilter):
    """A row id: a whole number the database can hold; anything else is a 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


def money(value):
    """A Decimal amount as the API gives it: a string with two decimals, or null."""
    return None if value is None else f"{value:.2f}"
