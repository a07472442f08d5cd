from django import forms
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from isu.models import Convention
from lib.params import BIGINT_MAX, is_whole_number, whole_number
from lib.translated_fields import LANGUAGE_CODES, values_by_language


@extend_schema_field(
    {
        "type": "object",
        "properties": {code: {"type": "string"} for code in LANGUAGE_CODES},
        "description": "The text in each language; an empty string where it is not translated.",
    }
)
class TranslatedField(serializers.Field):
    """A translated model field as {code: text} for every code of settings.LANGUAGES."""

    def __init__(self, field, **kwargs):
        self.translated_field = field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return values_by_language(instance, self.translated_field)


class ConventionSerializer(serializers.ModelSerializer):
    name = TranslatedField("name")
    short_name = TranslatedField("short_name")
    isu_host = TranslatedField("isu_host")
    endorsing_body = TranslatedField("endorsing_body")
    adopting_body = TranslatedField("adopting_body")

    class Meta:
        model = Convention
        fields = ["code", "name", "short_name", "isu_host", "document_series", "endorsing_body",
                  "adopting_body"]


class ConventionViewSet(viewsets.ReadOnlyModelViewSet):
    """The conventions served by the Implementation Support Units."""

    queryset = Convention.objects.all()
    serializer_class = ConventionSerializer
    lookup_field = "code"
    pagination_class = None


class WholeNumberField(forms.IntegerField):
    """A whole number in ASCII digits: "2018.0", "²", "1e3" or a number of thousands of digits
    is refused as a 400, never converted."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not is_whole_number(text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        number = whole_number(text, minimum=-BIGINT_MAX, maximum=BIGINT_MAX)
        if number is None:  # beyond any bound the filters have
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class WholeNumberFilter(filters.NumberFilter):
    """A whole number within [minimum, maximum], stated in the OpenAPI schema."""

    field_class = WholeNumberField
    minimum, maximum = 0, BIGINT_MAX

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", self.minimum)
        kwargs.setdefault("max_value", self.maximum)
        super().__init__(*args, **kwargs)
        schema = {"type": "integer", "minimum": kwargs["min_value"],
                  "maximum": kwargs["max_value"]}
        if self.label:
            schema["description"] = str(self.label)
        extend_schema_field(schema)(self)


class YearFilter(WholeNumberFilter):
    """A whole year between 1990 and 2100; anything else is a 400, never a database error."""

    minimum, maximum = 1990, 2100


class IdFilter(WholeNumberFilter):
    """A row id: a whole number the database can hold; anything else is a 400."""

    minimum = 1


def money(value):
    """A Decimal amount as the API gives it: a string with two decimals, or null."""
    return None if value is None else f"{value:.2f}"
