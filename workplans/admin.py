from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from isu.roles import ConventionScopedAdminMixin, EditorsAdminMixin, may_edit
from lib.forms import COMPACT_TEXT, OptimisticLockForm, bilingual
from lib.translated_fields import translation_completeness
from workplans import models
from workplans.forms import WorkflowForm
from workplans.history import plan_history
from workplans.outline import number_tree, tree_prefetches, tree_rows
from workplans.services import clone_into_next_period, start_revision, take_step
from workplans.structure import start_with_usual_chapters
from workplans.workflow import available_steps, publishes_at_once


@admin.register(models.WorkPlan)
class WorkPlanAdmin(EditorsAdminMixin, ConventionScopedAdminMixin, admin.ModelAdmin):
    """The plan's own fields, for superusers and reference data. Its rows are edited in the
    staff workspace (/workspace/plans/<id>/), one row at a time: this page has no row forms, so
    a POST naming rows changes none of them."""

    form = OptimisticLockForm
    formfield_overrides = COMPACT_TEXT
    # Versions of one period share their name ("CCM 2018"): the version, symbol and status tell
    # them apart.
    list_display = ["__str__", "version", "symbol", "title", "status", "translation_status",
                    "updated_at"]
    list_filter = ["convention", "status"]
    list_select_related = ["convention", "document"]
    search_fields = bilingual("title")
    autocomplete_fields = ["document"]
    fieldsets = [
        (None, {"fields": ["convention", ("start_year", "end_year"), *bilingual("title"),
                           "document", "edited_version"]}),
        (_("Workflow"), {"fields": ["status", "version", "adopted_at", "adopted_on"]}),
        (_("Summary"), {"fields": bilingual("main_objective")}),
        (_("Record"), {"fields": ["translation_status", "cloned_from", "created_at",
                                  "updated_at"]}),
    ]
    readonly_fields = ["translation_status", "cloned_from", "created_at", "updated_at", "status",
                       "version", "adopted_at", "adopted_on"]
    actions = ["clone_into_next_period"]

    @admin.display(description=_("symbol"), ordering="document__symbol")
    def symbol(self, plan):
        return plan.document.symbol if plan.document_id else "—"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:  # a new plan starts with its convention's usual chapters
            start_with_usual_chapters(obj)

    def has_change_permission(self, request, obj=None):
        # Under review or published, a plan is locked: its page shows it read-only.
        return super().has_change_permission(request, obj) and not (obj and obj.is_locked)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_locked)

    def get_urls(self):
        return [
            path("<int:object_id>/workflow/", self.admin_site.admin_view(self.workflow_view),
                 name="workplans_workplan_workflow"),
            *super().get_urls(),
        ]

    def workflow_view(self, request, object_id):
        """The plan's status, the steps the user may take, and every step taken so far."""
        plan = get_object_or_404(self.get_queryset(request).select_related("document"),
                                 pk=object_id)
        form = WorkflowForm(plan, request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                if form.cleaned_data["step"] in ("Corr", "Rev"):
                    new = start_revision(plan, form.cleaned_data["step"], request.user)
                    self.message_user(request, _("Version %(version)d is a draft under %(symbol)s.")
                                      % {"version": new.version, "symbol": new.document.symbol},
                                      messages.SUCCESS)
                    return redirect("admin:workplans_workplan_change", new.pk)
                take_step(plan, form.cleaned_data["step"], request.user,
                          reason=form.cleaned_data["reason"],
                          meeting=form.cleaned_data["meeting"], on=form.cleaned_data["on"],
                          publish=form.cleaned_data["publish"])
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, _("The plan is now “%(status)s”.") % {
                    "status": models.WorkPlan.objects.get(pk=plan.pk).get_status_display()},
                    messages.SUCCESS)
                return redirect("admin:workplans_workplan_workflow", plan.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Workflow of %(plan)s") % {"plan": plan},
            "opts": self.model._meta, "object": plan, "form": form,
            "steps": available_steps(request.user, plan.status, plan.convention),
            "publish_at_once": publishes_at_once(request.user, plan.status, plan.convention),
            "may_revise": plan.status == models.WorkPlan.Status.PUBLISHED and plan.document_id
            and may_edit(request.user, plan.convention_id),
            "transitions": plan.transitions.select_related("user", "waiver"),
        }
        return TemplateResponse(request, "admin/workplans/workplan/workflow.html", context)

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
                new = clone_into_next_period(plan, user=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            except PermissionDenied as error:
                self.message_user(request, str(error), messages.ERROR)
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
