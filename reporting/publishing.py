"""Publishing a plan's progress overview on the public site, next to the adopted plan: the one
write path of ProgressPublication.

- Scope: the plan is one of the user's conventions' (any other is a 404).
- Role: only the role that publishes the convention's plans (the head of the ISU; see
  workplans/workflow.py) publishes or withdraws its progress; the convention's other staff are
  refused (PermissionDenied).
- Status: the plan itself is published.
- Period: the overview is published through the end of a quarter of the plan's years that has
  begun (reporting/overview.py `offered_periods`). Publishing again, through a later quarter,
  replaces it; the public page shows nothing recorded for the periods after it.

The overview is published on its own page and in its exports, never in the plan's official
document. Publishing and withdrawing it forget the cached public pages (lib/caching.py), as
publishing a plan does.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from isu.roles import may_see
from lib.caching import new_publication
from reporting.models import ProgressPublication
from reporting.overview import offered_periods
from workplans.models import WorkPlan
from workplans.workflow import may_take, steps_for


def may_publish(user, plan):
    """Whether the user takes the convention's step that publishes its plans."""
    return may_take(user, steps_for(plan.convention)["publish"], plan.convention_id)


def why_not_publishable(plan):
    """Why the plan's progress cannot be published now, or None."""
    if plan.status != WorkPlan.Status.PUBLISHED:
        return _("The progress of a plan is published once the plan itself is: %(plan)s is "
                 "“%(status)s”.") % {"plan": plan, "status": plan.get_status_display()}
    return None


def _plan(user, plan_id):
    """The plan, locked for the transaction, if the user is its convention's staff (a 404
    otherwise) and may publish it (PermissionDenied otherwise)."""
    plan = (WorkPlan.objects.select_for_update(of=("self",)).select_related("convention")
            .filter(pk=plan_id).first())
    if plan is None or not may_see(user, plan.convention_id):
        raise Http404
    if not may_publish(user, plan):
        raise PermissionDenied(_("Only the head of the ISU publishes the progress of "
                                 "%(convention)s's plans.") % {"convention": plan.convention})
    return plan


@transaction.atomic
def publish_progress(user, plan_id, period, today=None):
    """Publish the plan's progress overview through the end of `period` (a quarter), or move
    the published one to it. Returns the ProgressPublication; raises Http404,
    PermissionDenied or ValidationError."""
    plan = _plan(user, plan_id)
    refusal = why_not_publishable(plan)
    if refusal:
        raise PermissionDenied(refusal)
    if period is None or period not in offered_periods(plan, today):
        raise ValidationError(_("Choose a quarter of %(first)s–%(last)s that has begun.") % {
            "first": plan.start_year, "last": plan.end_year}, code="period")
    publication = (ProgressPublication.objects.select_for_update().filter(plan=plan).first()
                   or ProgressPublication(plan=plan))
    publication.year, publication.period_kind = period.year, period.kind
    publication.period_number = period.number
    publication.published_by, publication.published_at = user, timezone.now()
    publication.full_clean()
    publication.save()
    new_publication()
    return publication


@transaction.atomic
def withdraw_progress(user, plan_id):
    """Take the plan's progress overview off the public site. Returns whether one was
    published."""
    plan = _plan(user, plan_id)
    deleted, _rows = ProgressPublication.objects.filter(plan=plan).delete()
    new_publication()
    return bool(deleted)
