"""The API's filter backend and its rule on query parameters, kept apart from the viewsets:
DRF's settings import them while its generic views are being defined."""

from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError


def single_query_values(request):
    """Refuses (400) a query parameter given more than once: the API reads each once."""
    repeated = sorted(name for name, values in request.query_params.lists() if len(values) > 1)
    if repeated:
        raise ValidationError({name: [_("Give this parameter only once.")] for name in repeated})


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, refusing repeated query parameters."""

    def filter_queryset(self, request, queryset, view):
        single_query_values(request)
        return super().filter_queryset(request, queryset, view)
