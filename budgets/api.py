from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from budgets import models
from budgets.figures import budget_prefetches, chf_equivalent, compute, reserve_status
from budgets.table import budget_table
from isu.api import TranslatedField, YearFilter, money
from lib.translated_fields import LANGUAGE_CODES, values_by_language

MONEY = {"type": "string", "format": "decimal", "nullable": True}


def _item(item):
    if item.is_group:
        return {"subtotal": values_by_language(item.group, "title"), "amount": money(item.amount),
                "actual": money(item.actual), "items": [_item(i) for i in item.items]}
    line = item.line
    return {
        "line": line.pk, "category": line.category.code,
        "title": line.titles(),
        "amount": money(item.amount), "entered_amount": money(line.amount),
        "rule": None if line.rule_rate is None else {
            "percent": money(line.rule_rate), "of_line": line.rule_base_id,
            "gives": money(item.rule_amount)},
        "actual": money(item.actual), "variance": money(item.variance),
        "variance_percent": money(item.variance_percent),
        "note": values_by_language(line, "note"),
    }


class BudgetSerializer(serializers.ModelSerializer):
    convention = serializers.CharField(source="plan.convention.code")
    total = serializers.SerializerMethodField()
    source = TranslatedField("source")

    class Meta:
        model = models.Budget
        fields = ["id", "convention", "year", "plan", "total", "source"]

    @extend_schema_field(MONEY)
    def get_total(self, budget):
        return money(self.figures(budget).total)

    def figures(self, budget):
        if not hasattr(budget, "_figures"):
            budget._figures = compute(budget)
        return budget._figures


class BudgetDetailSerializer(BudgetSerializer):
    items = serializers.SerializerMethodField()
    totals = serializers.SerializerMethodField()
    staff = serializers.SerializerMethodField()
    travel = serializers.SerializerMethodField()
    in_kind = serializers.SerializerMethodField()
    reserves = serializers.SerializerMethodField()
    foreign_funding = serializers.SerializerMethodField()
    table = serializers.SerializerMethodField()

    class Meta(BudgetSerializer.Meta):
        fields = BudgetSerializer.Meta.fields + [
            "items", "totals", "staff", "travel", "in_kind", "reserves", "foreign_funding",
            "table"]

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_items(self, budget):
        return [_item(item) for item in self.figures(budget).items]

    @extend_schema_field({"type": "object"})
    def get_totals(self, budget):
        figures = self.figures(budget)
        return {"total": money(figures.total), "actual": money(figures.actual_total),
                "variance": money(figures.variance),
                "variance_percent": money(figures.variance_percent),
                "in_kind_value_not_in_total": money(figures.in_kind_value)}

    @extend_schema_field({"type": "object"})
    def get_staff(self, budget):
        return {"fte": money(self.figures(budget).fte), "positions": [
            {"title": values_by_language(p, "title"), "fte": money(p.fte)}
            for p in budget.staff_positions.all()]}

    @extend_schema_field({"type": "object"})
    def get_travel(self, budget):
        least, most = self.figures(budget).missions
        return {"missions_at_least": least, "missions_at_most": most, "purposes": [
            {"title": values_by_language(t, "title"), "at_least": t.at_least,
             "at_most": t.missions} for t in budget.travel.all()]}

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_in_kind(self, budget):
        return [{"title": values_by_language(s, "title"),
                 "provider": values_by_language(s, "provider"),
                 "description": values_by_language(s, "description"), "value": money(s.value)}
                for s in budget.in_kind.all()]

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_reserves(self, budget):
        result = []
        for fund in budget.plan.convention.reserve_funds.all():
            status = reserve_status(fund, self.figures(budget))
            result.append({
                "name": values_by_language(fund, "name"), "target": money(status.target),
                "balance": money(status.balance.balance) if status.balance else None,
                "on": status.balance.on_date if status.balance else None,
                "coverage_percent": money(status.coverage_percent),
            })
        return result

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_foreign_funding(self, budget):
        return [{"source": values_by_language(f, "source"), "currency": f.currency,
                 "amount": money(f.amount), "exchange_rate": str(f.exchange_rate),
                 "rate_date": f.rate_date, "chf_equivalent": money(chf_equivalent(f)),
                 "years": [f.start_year, f.end_year]}
                for f in budget.plan.convention.foreign_funding.all()
                if f.start_year <= budget.year <= f.end_year]

    @extend_schema_field({"type": "object"})
    def get_table(self, budget):
        tables = {}
        for language in LANGUAGE_CODES:
            header, rows = budget_table(self.figures(budget), language)
            tables[language] = {"header": header, "rows": [row.__dict__ for row in rows]}
        return tables


class BudgetFilter(filters.FilterSet):
    convention = filters.CharFilter(field_name="plan__convention__code", lookup_expr="iexact",
                                    label="Convention code (CCM, APMBC…)")
    year = YearFilter(field_name="year")

    class Meta:
        model = models.Budget
        fields = ["convention", "year"]


class BudgetViewSet(viewsets.ReadOnlyModelViewSet):
    """Budgets in CHF of the work plans a client may see, with every figure computed."""

    filterset_class = BudgetFilter

    def get_queryset(self):
        budgets = models.Budget.objects.visible_to(self.request.user).select_related(
            "plan__convention").prefetch_related(*budget_prefetches())
        if self.action == "retrieve":
            budgets = budgets.prefetch_related(
                Prefetch("plan__convention__reserve_funds",
                         models.ReserveFund.objects.prefetch_related("balances")),
                "plan__convention__foreign_funding",
            )
        return budgets

    def get_serializer_class(self):
        return BudgetDetailSerializer if self.action == "retrieve" else BudgetSerializer
