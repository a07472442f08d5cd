"""The status of contributions in the API.

- Published statuses (public, read only): the publications the public site shows (the latest
  not withdrawn of each fund and year; financing/publishing.py), filtered by convention code and
  year; the list gives the totals, the detail adds the rows per contributor and the reserves.
  Read from the snapshots: a fixed number of queries whatever the number of contributors.
- Funds (the convention's staff only; a 404 for any other fund, a 401 without credentials):
  the funds of the user's conventions and the live status of a fund for a year.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from financing.figures import status_of_contributions
from financing.models import Fund, StatusPublication
from financing.publishing import shown, snapshot
from isu.api import TranslatedField, YearFilter
from isu.roles import convention_ids_for, may_keep_accounts
from lib.languages import LANGUAGE_CODES

AMOUNT = {"type": "string", "format": "decimal", "nullable": True}
NAMES = {"type": "object", "properties": {code: {"type": "string"} for code in LANGUAGE_CODES}}
TOTALS = {"type": "object", "properties": {name: AMOUNT for name in
                                           ("requested", "pledged", "paid", "outstanding")}}
ROW = {"type": "object", "properties": {
    "state": {"type": "string", "nullable": True,
              "description": "The state's ISO 3166 code; null for an organization."},
    "organization": {"type": "integer", "nullable": True},
    "name": NAMES, **TOTALS["properties"]}}
RESERVE = {"type": "object", "properties": {
    "name": NAMES, "balance": AMOUNT, "target": AMOUNT, "coverage_percent": AMOUNT}}
STATUS = {"type": "object", "properties": {
    "currency": {"type": "string"}, "fund": NAMES, "rows": {"type": "array", "items": ROW},
    "totals": TOTALS, "contributing_states": {"type": "integer"}, "budget_total": AMOUNT,
    "coverage_percent": AMOUNT, "reserves": {"type": "array", "items": RESERVE}}}


class PublishedStatusSerializer(serializers.ModelSerializer):
    convention = serializers.CharField(source="fund.convention.code")
    fund = serializers.IntegerField(source="fund_id")
    fund_name = serializers.SerializerMethodField()
    totals = serializers.SerializerMethodField()
    contributing_states = serializers.SerializerMethodField()
    budget_total = serializers.SerializerMethodField()
    coverage_percent = serializers.SerializerMethodField()

    class Meta:
        model = StatusPublication
        fields = ["id", "convention", "fund", "fund_name", "year", "as_at", "published_at",
                  "totals", "contributing_states", "budget_total", "coverage_percent"]

    @extend_schema_field(NAMES)
    def get_fund_name(self, publication):
        return publication.figures["fund"]

    @extend_schema_field(TOTALS)
    def get_totals(self, publication):
        return publication.figures["totals"]

    @extend_schema_field(OpenApiTypes.INT)
    def get_contributing_states(self, publication):
        return publication.figures["contributing_states"]

    @extend_schema_field(AMOUNT)
    def get_budget_total(self, publication):
        return publication.figures["budget_total"]

    @extend_schema_field(AMOUNT)
    def get_coverage_percent(self, publication):
        return publication.figures["coverage_percent"]


class PublishedStatusDetailSerializer(PublishedStatusSerializer):
    rows = serializers.SerializerMethodField()
    reserves = serializers.SerializerMethodField()

    class Meta(PublishedStatusSerializer.Meta):
        fields = PublishedStatusSerializer.Meta.fields + ["rows", "reserves"]

    @extend_schema_field({"type": "array", "items": ROW})
    def get_rows(self, publication):
        return publication.figures["rows"]

    @extend_schema_field({"type": "array", "items": RESERVE})
    def get_reserves(self, publication):
        return publication.figures["reserves"]


class PublishedStatusFilter(filters.FilterSet):
    convention = filters.CharFilter(field_name="fund__convention__code", lookup_expr="iexact",
                                    label="Convention code (CCM, APMBC…)")
    year = YearFilter(field_name="year")

    class Meta:
        model = StatusPublication
        fields = ["convention", "year"]


class PublishedStatusViewSet(viewsets.ReadOnlyModelViewSet):
    """The statuses of contributions the heads of the ISUs published: amounts per contributor
    in CHF as at a date, never contact data."""

    filterset_class = PublishedStatusFilter

    def get_queryset(self):
        return shown().select_related("fund__convention").order_by(
            "fund__convention__code", "fund_id", "-year")

    def get_serializer_class(self):
        return (PublishedStatusDetailSerializer if self.action == "retrieve"
                else PublishedStatusSerializer)


class FundSerializer(serializers.ModelSerializer):
    convention = serializers.CharField(source="convention.code")
    name = TranslatedField("name")

    class Meta:
        model = Fund
        fields = ["id", "convention", "kind", "name", "currency", "target_amount"]


class FundViewSet(viewsets.ReadOnlyModelViewSet):
    """The funds of the conventions the user works for, and the live status of contributions of
    a fund for a year: its finance staff and head only (its other staff are refused)."""

    serializer_class = FundSerializer
    # The API's authentication (settings.REST_FRAMEWORK); without credentials, a 401.
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Fund.objects.filter(
            convention__in=convention_ids_for(self.request.user)).select_related("convention")

    @extend_schema(
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, OpenApiParameter.PATH,
                                     description="The year, 1990 to 2100.")],
        responses={200: {"type": "object", "properties": {
            "fund": {"type": "integer"}, "year": {"type": "integer"}, "status": STATUS}}})
    @action(detail=True, url_path=r"status/(?P<year>[0-9]{4})")
    def status(self, request, pk=None, year=None):
        fund = self.get_object()
        if not may_keep_accounts(request.user, fund.convention_id):
            raise PermissionDenied(_("The live figures of the ISU's financing are kept by its "
                                     "finance staff and its head; the other staff read what is "
                                     "published."))
        year = int(year)
        if not 1990 <= year <= 2100:
            raise Http404
        return Response({"fund": fund.pk, "year": year,
                         "status": snapshot(status_of_contributions(fund, year))})
