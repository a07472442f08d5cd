from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from isu.api import TranslatedField, YearFilter
from lib.numbering import chapter_label
from lib.translated_fields import LANGUAGE_CODES, translation_completeness
from workplans import models
from workplans.outline import number_tree, tree_prefetches, tree_rows


class ActionSerializer(serializers.ModelSerializer):
    action_plan = serializers.CharField(source="action_plan.name")

    class Meta:
        model = models.Action
        fields = ["id", "action_plan", "number"]


class IndicatorSerializer(serializers.ModelSerializer):
    description = TranslatedField("description")
    unit = TranslatedField("unit")
    is_revised = serializers.BooleanField(read_only=True)
    actual = serializers.IntegerField(
        read_only=True, default=None, allow_null=True,
        help_text="Recorded so far within the plan's years, for indicators that count records.",
    )

    class Meta:
        model = models.Indicator
        fields = [
            "id", "description", "unit", "baseline", "qualifier", "target",
            "original_target", "is_revised", "revision_reason", "counts", "actual",
        ]


class ActivitySerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True, default=None)
    text = TranslatedField("text")
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = models.Activity
        fields = ["id", "number", "text", "actions"]


class OutputSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True, default=None)
    text = TranslatedField("text")
    indicators = IndicatorSerializer(many=True, read_only=True)
    activities = ActivitySerializer(many=True, read_only=True)

    class Meta:
        model = models.Output
        fields = ["id", "number", "text", "indicators", "activities"]


class OutcomeSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)
    text = TranslatedField("text")
    indicators = IndicatorSerializer(many=True, read_only=True)
    outputs = OutputSerializer(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = models.Outcome
        fields = ["id", "number", "text", "actions", "indicators", "outputs"]


class StatementSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    text = TranslatedField("text")


class MatrixOutcomeSerializer(StatementSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)


class ThematicAreaSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    activities = StatementSerializer(many=True, read_only=True)
    outputs = MatrixOutcomeSerializer(many=True, read_only=True)
    outcomes = MatrixOutcomeSerializer(many=True, read_only=True)
    impacts = StatementSerializer(many=True, read_only=True)

    class Meta:
        model = models.ThematicArea
        fields = ["id", "title", "activities", "outputs", "outcomes", "impacts"]


class SubParagraphSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True, allow_null=True)
    text = TranslatedField("text")

    class Meta:
        model = models.SubParagraph
        fields = ["id", "label", "text"]


class ParagraphSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(read_only=True, allow_null=True)
    text = TranslatedField("text")
    subparagraphs = SubParagraphSerializer(many=True, read_only=True)

    class Meta:
        model = models.Paragraph
        fields = ["id", "number", "text", "subparagraph_style", "subparagraphs"]


class SectionSerializer(serializers.ModelSerializer):
    letter = serializers.CharField(read_only=True, allow_null=True)
    title = TranslatedField("title")
    paragraphs = ParagraphSerializer(many=True, read_only=True)

    class Meta:
        model = models.Section
        fields = ["id", "letter", "title", "paragraphs"]


class ChapterSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(read_only=True, allow_null=True)
    label = serializers.SerializerMethodField()
    title = TranslatedField("title")
    paragraphs = ParagraphSerializer(many=True, read_only=True)
    sections = SectionSerializer(many=True, read_only=True)

    class Meta:
        model = models.Chapter
        fields = ["id", "number", "label", "kind", "title", "paragraphs", "sections"]

    @extend_schema_field({"type": "object", "nullable": True,
                          "properties": {code: {"type": "string"} for code in LANGUAGE_CODES}})
    def get_label(self, chapter):
        if chapter.number is None:
            return None
        return {code: chapter_label(chapter.number, code) for code in LANGUAGE_CODES}


class SummaryItemSerializer(serializers.ModelSerializer):
    text = TranslatedField("text")

    class Meta:
        model = models.SummaryItem
        fields = ["id", "text"]


class WorkPlanSerializer(serializers.HyperlinkedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="workplan-detail")
    convention = serializers.CharField(source="convention.code")
    title = TranslatedField("title")
    document = serializers.SlugRelatedField(slug_field="symbol", read_only=True, allow_null=True)

    class Meta:
        model = models.WorkPlan
        fields = ["id", "url", "convention", "start_year", "end_year", "period", "status", "title",
                  "document"]


class WorkPlanDetailSerializer(WorkPlanSerializer):
    main_objective = TranslatedField("main_objective")
    specific_objectives = SummaryItemSerializer(many=True, read_only=True)
    expected_results = SummaryItemSerializer(many=True, read_only=True)
    chapters = ChapterSerializer(many=True, read_only=True)
    outcomes = OutcomeSerializer(many=True, read_only=True)
    thematic_areas = ThematicAreaSerializer(many=True, read_only=True)
    translation_completeness = serializers.SerializerMethodField()
    cloned_from = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta(WorkPlanSerializer.Meta):
        fields = WorkPlanSerializer.Meta.fields + [
            "cloned_from", "translation_completeness", "main_objective", "specific_objectives",
            "expected_results", "chapters", "outcomes", "thematic_areas",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "translated": {"type": "integer"},
                "total": {"type": "integer"},
            },
        }
    )
    def get_translation_completeness(self, plan):
        translated, total = translation_completeness(tree_rows(plan))
        return {"translated": translated, "total": total}


class WorkPlanFilter(filters.FilterSet):
    convention = filters.CharFilter(
        field_name="convention__code", lookup_expr="iexact", label="Convention code (CCM, APMBC…)"
    )
    year = YearFilter(method="filter_year", label="A year the plan covers",
                      min_value=1990, max_value=2100)

    class Meta:
        model = models.WorkPlan
        fields = ["convention", "year", "status"]

    def filter_year(self, queryset, name, value):
        return queryset.covering(value)


class WorkPlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Work plans: published ones for everyone, drafts for the staff of their convention."""

    filterset_class = WorkPlanFilter

    def get_queryset(self):
        plans = models.WorkPlan.objects.visible_to(self.request.user).select_related(
            "convention", "document"
        )
        if self.action == "retrieve":
            plans = plans.prefetch_related(*tree_prefetches())
        return plans

    def get_serializer_class(self):
        return WorkPlanDetailSerializer if self.action == "retrieve" else WorkPlanSerializer

    def get_object(self):
        return number_tree(super().get_object())
