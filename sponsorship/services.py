"""Decisions of the Donors' Group on applications: one write that checks the round's funds."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isu.models import StaffRole
from isu.roles import convention_ids_with_role
from sponsorship.funds import require_funds, round_funds
from sponsorship.models import Application, Round

Decision = Application.Decision


def may_run_sponsorship(user, convention_id):
    return convention_id in convention_ids_with_role(user, StaffRole.Role.SPONSORSHIP_STAFF)


@transaction.atomic
def decide(application, decision, reason, user, on=None):
    """Record the decision on an application, refusing an offer the round cannot pay for."""
    round_ = Round.objects.select_for_update(of=("self",)).select_related(
        "meeting", "programme").get(pk=application.round_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not may_run_sponsorship(user, round_.programme.convention_id):
        raise PermissionDenied(_("Only the sponsorship staff of this convention decide on "
                                 "applications."))
    if round_.closed:
        raise ValidationError(_("The round for the %(meeting)s is closed: no decision can be "
                                "recorded.") % {"meeting": round_.meeting.name})
    if decision not in (Decision.OFFERED, Decision.WAITLISTED, Decision.DECLINED,
                        Decision.WITHDRAWN):
        raise ValidationError(_("Choose offered, waitlisted, declined or withdrawn."))
    if decision == Decision.WITHDRAWN and application.decision != Decision.OFFERED:
        raise ValidationError(_("Only an offer can be withdrawn."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the decision."))
    if decision == Decision.OFFERED and not application.commits_funds:
        require_funds(application.cost, round_funds(round_).available, _(
            "Offering this sponsorship (%(cost)s) would exceed the funds available to the "
            "round (%(available)s)."))
    application.decision = decision
    application.decision_reason = reason
    application.decided_on = on or timezone.localdate()
    application.save(update_fields=["decision", "decision_reason", "decided_on"])
    return application
