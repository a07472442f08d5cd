"""Public aggregates of the rounds; applications (personal data) for the convention's
sponsorship staff only."""

from django_filters import rest_framework as filters
from rest_framework import permissions, serializers, viewsets

from isu.api import YearFilter, money
from isu.models import StaffRole
from isu.roles import convention_ids_with_role
from sponsorship.funds import funds_for_rounds
from sponsorship.models import Application, Round
from sponsorship.reports import round_report, rounds_with_applications


class RoundSerializer(serializers.ModelSerializer):
    convention = serializers.CharField(source="programme.convention.code")
    meeting = serializers.DictField(source="meeting.names", child=serializers.CharField())
    figures = serializers.SerializerMethodField()

    class Meta:
        model = Round
        fields = ["id", "convention", "meeting", "application_deadline", "envelope", "criteria",
                  "closed", "figures"]

    def get_figures(self, round_) -> dict:
        report = round_report(round_, self.context["funds"][round_.pk])
        figures = report.figures
        return {"delegates": figures.delegates, "states": figures.states,
                "women": figures.women, "women_percent": money(figures.women_percent),
                "first_time": figures.first_time, "cost": money(figures.cost),
                "cost_per_delegate": money(figures.cost_per_delegate),
                "funds_available": money(report.funds_available)}


class RoundFilter(filters.FilterSet):
    convention = filters.CharFilter(field_name="programme__convention__code",
                                    lookup_expr="iexact")
    year = YearFilter(field_name="meeting__start_date__year")

    class Meta:
        model = Round
        fields = ["convention", "year"]


class RoundViewSet(viewsets.ReadOnlyModelViewSet):
    """Sponsorship rounds with their figures: aggregates only, never a delegate."""

    serializer_class = RoundSerializer
    filterset_class = RoundFilter

    def get_queryset(self):
        return rounds_with_applications().order_by("-meeting__start_date")

    def list(self, request, *args, **kwargs):
        self._rounds = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        serializer = self.get_serializer(self._rounds, many=True)
        return self.get_paginated_response(serializer.data)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        rounds = getattr(self, "_rounds", None)
        if rounds is None and "pk" in self.kwargs:
            rounds = list(self.get_queryset().filter(pk=self.kwargs["pk"]))
        context["funds"] = funds_for_rounds(rounds or [])
        return context


class ApplicationSerializer(serializers.ModelSerializer):
    round = serializers.PrimaryKeyRelatedField(read_only=True)
    state = serializers.CharField(source="state.code")
    cost = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = Application
        fields = ["id", "round", "state", "delegate_name", "function", "ministry", "gender",
                  "first_time", "criteria_met", "decision", "decision_reason", "decided_on",
                  "taken_up", "cost"]


class IsSponsorshipStaff(permissions.BasePermission):
    message = "Only the sponsorship staff of a convention see its applications."

    def has_permission(self, request, view):
        return bool(convention_ids_with_role(request.user, StaffRole.Role.SPONSORSHIP_STAFF))


class ApplicationViewSet(viewsets.ReadOnlyModelViewSet):
    """Applications with delegates' personal data: the sponsorship staff of the convention."""

    serializer_class = ApplicationSerializer
    # The API's authentication (settings.REST_FRAMEWORK): a personal API token or a verified
    # session, never a password alone; without credentials, a 401.
    permission_classes = [permissions.IsAuthenticated, IsSponsorshipStaff]

    def get_queryset(self):
        conventions = convention_ids_with_role(self.request.user,
                                               StaffRole.Role.SPONSORSHIP_STAFF)
        return Application.objects.filter(
            round__programme__convention__in=conventions).select_related("round")
