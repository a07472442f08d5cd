from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import translation
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from isu.api import IdFilter, TranslatedField
from lib.translated_fields import LANGUAGE_CODES
from meetings import body, models, pdfs

LABELS_SCHEMA = {
    "type": "object",
    "properties": {code: {"type": "string"} for code in LANGUAGE_CODES},
}


class MeetingSerializer(serializers.ModelSerializer):
    convention = serializers.CharField(source="convention.code")
    name = serializers.DictField(source="names", child=serializers.CharField())
    venue = TranslatedField("venue")
    presidency = serializers.CharField(source="presidency.code", allow_null=True)
    symbol_prefix = serializers.CharField(source="document_prefix")

    class Meta:
        model = models.Meeting
        fields = ["id", "convention", "kind", "ordinal", "conference_ordinal", "name",
                  "start_date", "end_date", "venue", "presidency", "symbol_prefix"]


class AgendaItemSerializer(serializers.ModelSerializer):
    number = serializers.DictField(source="labels", child=serializers.CharField())
    title = TranslatedField("title")

    class Meta:
        model = models.AgendaItem
        fields = ["id", "number", "title"]


class TextSerializer(serializers.Serializer):
    text = TranslatedField("text")


class FootnoteSerializer(TextSerializer):
    number = serializers.IntegerField()


class BlockSerializer(serializers.ModelSerializer):
    number = serializers.SerializerMethodField()
    text = TranslatedField("text")
    footnotes = FootnoteSerializer(many=True)

    class Meta:
        model = models.Block
        fields = ["kind", "level", "number", "text", "footnotes"]

    @extend_schema_field(LABELS_SCHEMA)
    def get_number(self, block):
        return body.block_labels(block)


class DocumentSerializer(serializers.ModelSerializer):
    convention = serializers.CharField(source="meeting.convention.code")
    meeting = serializers.PrimaryKeyRelatedField(read_only=True)
    meeting_name = serializers.DictField(source="meeting.names", child=serializers.CharField())
    agenda_item = AgendaItemSerializer(allow_null=True)
    title = TranslatedField("title")
    subtitle = TranslatedField("subtitle")
    submitted_by = TranslatedField("submitted_by")
    amends = serializers.SlugRelatedField(slug_field="symbol", read_only=True, allow_null=True)
    changes = serializers.SlugRelatedField(slug_field="symbol", many=True, read_only=True)
    current_version = serializers.SerializerMethodField()
    masthead_notes = TextSerializer(many=True)
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = models.Document
        fields = ["id", "symbol", "convention", "meeting", "meeting_name", "agenda_item",
                  "title", "subtitle", "submitted_by", "submitted_on", "distribution",
                  "original_language", "languages", "body", "amends", "changes",
                  "current_version", "masthead_notes", "pdf"]

    def get_current_version(self, document) -> str:
        return document.current_version().symbol

    @extend_schema_field({**LABELS_SCHEMA, "description": "The PDF's address per language."})
    def get_pdf(self, document):
        request = self.context.get("request")
        urls = {}
        for language in pdfs.PDF_LANGUAGES:
            if pdfs.has_pdf(document, language):
                with translation.override(language):
                    path = reverse("document-pdf", kwargs={"symbol": document.symbol,
                                                           "language": language})
                urls[language] = request.build_absolute_uri(path) if request else path
        return urls


class DocumentDetailSerializer(DocumentSerializer):
    blocks = BlockSerializer(many=True)

    class Meta(DocumentSerializer.Meta):
        fields = DocumentSerializer.Meta.fields + ["blocks"]


class MeetingFilter(filters.FilterSet):
    convention = filters.CharFilter(field_name="convention__code", lookup_expr="iexact",
                                    label="Convention code (CCM, APMBC…)")

    class Meta:
        model = models.Meeting
        fields = ["convention", "kind"]


class DocumentFilter(filters.FilterSet):
    convention = filters.CharFilter(field_name="meeting__convention__code", lookup_expr="iexact",
                                    label="Convention code (CCM, APMBC…)")
    meeting = IdFilter(field_name="meeting")
    symbol = filters.CharFilter(method="filter_symbol",
                                label="A symbol: the document with its Add., Corr. and Rev.")

    class Meta:
        model = models.Document
        fields = ["convention", "meeting", "symbol", "body"]

    def filter_symbol(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(symbol__iexact=value) | Q(symbol__istartswith=f"{value}/"))


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings of the conventions; names are built in both languages from their data."""

    queryset = models.Meeting.objects.select_related("convention")
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Official documents under their UN symbols; limited ones only for their ISU's staff."""

    filterset_class = DocumentFilter

    def get_queryset(self):
        documents = models.Document.objects.visible_to(self.request.user).select_related(
            "meeting__convention", "agenda_item__parent__parent", "amends",
        ).prefetch_related(
            "masthead_notes",
            Prefetch("changes", models.Document.objects.visible_to(self.request.user)
                     .order_by("change", "change_number")),
            Prefetch("amends__changes", models.Document.objects.visible_to(self.request.user)),
        )
        if self.action == "retrieve":
            documents = documents.prefetch_related(
                Prefetch("blocks", models.Block.objects.prefetch_related("footnotes"))
            )
        return documents

    def get_serializer_class(self):
        return DocumentDetailSerializer if self.action == "retrieve" else DocumentSerializer

    def get_object(self):
        document = super().get_object()
        body.number_blocks(document.blocks.all())
        return document

