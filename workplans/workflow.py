"""The publication workflow shared by the ISUs' documents.

Draft → submitted to the convention's endorsing body (the CCM's Coordination Committee, the
APMBC's Coordinating Committee) → endorsed by it → adopted by its adopting body (a Meeting of
States Parties or Review Conference) → published; a review step may return the document for
revision with a written reason. A convention without an endorsing body goes from draft straight
to adoption. Each step names the roles that may take it; steps and statuses are shown in the
convention's words (steps_for, status_label).
"""

from dataclasses import dataclass, replace

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from isu.models import StaffRole
from isu.roles import roles_for

Role = StaffRole.Role


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for endorsement")
    ENDORSED = "endorsed", _("Endorsed")
    ADOPTED = "adopted", _("Adopted")
    PUBLISHED = "published", _("Published")


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: tuple
    target: str
    roles: tuple
    needs_reason: bool = False
    records_adoption: bool = False


STEPS = {
    step.name: step for step in [
        Step("submit", _("Submit for endorsement"), (Status.DRAFT,),
             Status.SUBMITTED, (Role.ISU_OFFICER, Role.HEAD_OF_ISU)),
        Step("endorse", _("Record the endorsement"),
             (Status.SUBMITTED,), Status.ENDORSED, (Role.HEAD_OF_ISU, Role.COORDINATOR)),
        Step("adopt", _("Record the adoption"), (Status.ENDORSED,), Status.ADOPTED,
             (Role.HEAD_OF_ISU,), records_adoption=True),
        Step("publish", _("Publish"), (Status.ADOPTED,), Status.PUBLISHED, (Role.HEAD_OF_ISU,)),
        Step("return", _("Return for revision"), (Status.SUBMITTED, Status.ENDORSED),
             Status.DRAFT, (Role.HEAD_OF_ISU, Role.COORDINATOR), needs_reason=True),
    ]
}

def steps_for(convention):
    """The convention's steps by name, in workflow order, labelled in its words (in the active
    language): with an endorsing body a draft is submitted to it, endorsed, adopted and
    published; without one, a draft is adopted, then published."""
    endorser, adopter = convention.endorsing_body, convention.adopting_body
    if not endorser:
        return {"adopt": replace(STEPS["adopt"], sources=(Status.DRAFT,),
                                 label=_adoption_label(adopter)),
                "publish": STEPS["publish"]}
    labels = {
        "submit": gettext("Submit to the %(body)s") % {"body": endorser},
        "endorse": gettext("Record the %(body)s's endorsement") % {"body": endorser},
        "adopt": _adoption_label(adopter),
    }
    return {name: replace(step, label=labels[name]) if name in labels else step
            for name, step in STEPS.items()}


def _adoption_label(adopter):
    if not adopter:
        return STEPS["adopt"].label
    return gettext("Record the adoption by the %(body)s") % {"body": adopter}


def status_label(status, convention):
    """A status in the convention's words: "Submitted to the Coordinating Committee"."""
    endorser, adopter = convention.endorsing_body, convention.adopting_body
    if status == Status.SUBMITTED and endorser:
        return gettext("Submitted to the %(body)s") % {"body": endorser}
    if status == Status.ENDORSED and endorser:
        return gettext("Endorsed by the %(body)s") % {"body": endorser}
    if status == Status.ADOPTED and adopter:
        return gettext("Adopted by the %(body)s") % {"body": adopter}
    return str(Status(status).label) if status in Status.values else status


# Only a draft can be changed; everything after is locked until it is returned or revised.
EDITABLE = (Status.DRAFT,)
LOCKED = tuple(status for status in Status if status not in EDITABLE)


def may_take(user, step, convention_id):
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or bool(set(step.roles) & roles_for(user, convention_id))


def publishes_at_once(user, status, convention):
    """Whether the user may adopt the plan from this status and publish it in the same
    submission: they may take both steps."""
    steps = steps_for(convention)
    adopt, publish = steps["adopt"], steps["publish"]
    return (status in adopt.sources and may_take(user, adopt, convention.pk)
            and may_take(user, publish, convention.pk))


def available_steps(user, status, convention):
    """The steps of the convention this user may take from this status, in workflow order."""
    return [step for step in steps_for(convention).values()
            if status in step.sources and may_take(user, step, convention.pk)]
