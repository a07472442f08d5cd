import nested_admin
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models as db_models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from isu.forms import TranslationMarkerForm
from isu.models import Action
from isu.roles import ConventionScopedAdminMixin, RoleInlineMixin, convention_ids_for
from isu.translation_checks import translation_completeness
from workplans import models
from workplans.history import plan_history
from workplans.outline import number_tree, tree_prefetches, tree_rows
from workplans.services import clone_into_next_period

COMPACT_TEXT = {db_models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 48})}}


def bilingual(*fields):
    """Form field names for both languages of each translated field, Chinese first."""
    return [f"{name}_{code}" for name in fields for code in ("zh_hans", "en")]


class Inline(RoleInlineMixin):
    form = TranslationMarkerForm
    extra = 0
    sortable_field_name = "position"
    formfield_overrides = COMPACT_TEXT

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "actions":
            # Only the action plans of the conventions the user works for can be cited.
            kwargs["queryset"] = Action.objects.filter(
                action_plan__convention__in=convention_ids_for(request.user)
            ).select_related("action_plan")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class TabularInline(Inline, nested_admin.NestedTabularInline):
    pass


class StackedInline(Inline, nested_admin.NestedStackedInline):
    pass


class IndicatorInline(TabularInline):
    model = models.Indicator
    fields = ["position", *bilingual("description", "unit"), "baseline", "qualifier", "target",
              "original_target", "revision_reason"]
    readonly_fields = ["original_target"]


class OutcomeIndicatorInline(IndicatorInline):
    fk_name = "outcome"


class OutputIndicatorInline(IndicatorInline):
    fk_name = "output"


class ActivityInline(TabularInline):
    model = models.Activity
    fk_name = "output"
    fields = ["position", *bilingual("text"), "actions"]


class OutputInline(StackedInline):
    model = models.Output
    fk_name = "outcome"
    fields = ["position", *bilingual("text")]
    inlines = [OutputIndicatorInline, ActivityInline]


class OutcomeInline(StackedInline):
    model = models.Outcome
    fk_name = "plan"
    fields = ["position", *bilingual("text"), "actions"]
    inlines = [OutcomeIndicatorInline, OutputInline]


class AreaStatementInline(TabularInline):
    fk_name = "thematic_area"
    fields = ["position", *bilingual("text")]


class AreaActivityInline(AreaStatementInline):
    model = models.Activity
    verbose_name_plural = _("activities")


class AreaOutputInline(AreaStatementInline):
    model = models.Output


class AreaOutcomeInline(AreaStatementInline):
    model = models.Outcome


class ImpactInline(AreaStatementInline):
    model = models.Impact


class ThematicAreaInline(StackedInline):
    model = models.ThematicArea
    fields = ["position", *bilingual("title")]
    inlines = [AreaActivityInline, AreaOutputInline, AreaOutcomeInline, ImpactInline]


class SubParagraphInline(TabularInline):
    model = models.SubParagraph
    fields = ["position", *bilingual("text")]


class ParagraphInline(StackedInline):
    model = models.Paragraph
    fields = ["position", "numbered", "subparagraph_style", *bilingual("text")]
    inlines = [SubParagraphInline]


class ChapterParagraphInline(ParagraphInline):
    fk_name = "chapter"


class SectionParagraphInline(ParagraphInline):
    fk_name = "section"


class SectionInline(StackedInline):
    model = models.Section
    fields = ["position", "lettered", *bilingual("title")]
    inlines = [SectionParagraphInline]


class ChapterInline(StackedInline):
    model = models.Chapter
    fields = ["position", "kind", "numbered", *bilingual("title")]
    inlines = [ChapterParagraphInline, SectionInline]


class SummaryItemInline(TabularInline):
    model = models.SummaryItem
    fields = ["position", "kind", *bilingual("text")]


@admin.register(models.WorkPlan)
class WorkPlanAdmin(ConventionScopedAdminMixin, nested_admin.NestedModelAdmin):
    form = TranslationMarkerForm
    formfield_overrides = COMPACT_TEXT
    list_display = ["__str__", "title", "status", "translation_status", "updated_at"]
    list_filter = ["convention", "status"]
    list_select_related = ["convention"]
    search_fields = ["title_zh_hans", "title_en"]
    fieldsets = [
        (None, {"fields": ["convention", ("start_year", "end_year"), "status",
                           *bilingual("title")]}),
        (_("Summary"), {"fields": bilingual("main_objective")}),
        (_("Record"), {"fields": ["translation_status", "cloned_from", "created_at",
                                  "updated_at"]}),
    ]
    readonly_fields = ["translation_status", "cloned_from", "created_at", "updated_at"]
    inlines = [SummaryItemInline, ChapterInline, OutcomeInline, ThematicAreaInline]
    actions = ["clone_into_next_period"]

    def get_queryset(self, request):
        plans = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("_changelist"):
            # The translation column reads every row: fetch them for the whole page at once.
            plans = plans.prefetch_related(*tree_prefetches())
        return plans

    @admin.display(description=_("translation"))
    def translation_status(self, plan):
        if plan.pk is None:
            return "—"
        if "chapters" not in getattr(plan, "_prefetched_objects_cache", {}):
            plan = models.WorkPlan.objects.prefetch_related(*tree_prefetches()).get(pk=plan.pk)
        translated, total = translation_completeness(tree_rows(plan))
        if not total:
            return "—"
        return _("%(percent)d%% translated (%(translated)d of %(total)d texts in both languages)") % {
            "percent": 100 * translated // total, "translated": translated, "total": total,
        }

    @admin.action(description=_("Clone into next year's draft"))
    def clone_into_next_period(self, request, queryset):
        for plan in queryset:
            try:
                new = clone_into_next_period(plan)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Created the draft %(new)s from %(old)s.") % {"new": new, "old": plan},
                    messages.SUCCESS,
                )

    def history_view(self, request, object_id, extra_context=None):
        """The history of the whole plan: the plan and every row under it."""
        plan = get_object_or_404(self.get_queryset(request), pk=object_id)
        context = {
            **self.admin_site.each_context(request),
            "title": _("History of %(plan)s") % {"plan": plan},
            "opts": self.model._meta,
            "object": plan,
            "entries": plan_history(plan.pk),
        }
        return TemplateResponse(request, "admin/workplans/workplan/tree_history.html", context)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            context["numbered_plan"] = number_tree(
                models.WorkPlan.objects.prefetch_related(*tree_prefetches()).get(pk=obj.pk)
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)
