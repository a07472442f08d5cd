"""The publication workflow shared by the ISUs' documents.

Draft → submitted to the Coordination Committee → endorsed by it → adopted by a Meeting of
States Parties or Review Conference → published; a review step may return the document for
revision with a written reason. Each step names the roles that may take it.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from isu.models import StaffRole
from isu.roles import roles_for

Role = StaffRole.Role


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the Coordination Committee")
    ENDORSED = "endorsed", _("Endorsed by the Coordination Committee")
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
        Step("submit", _("Submit to the Coordination Committee"), (Status.DRAFT,),
             Status.SUBMITTED, (Role.ISU_OFFICER, Role.HEAD_OF_ISU)),
        Step("endorse", _("Record the Coordination Committee's endorsement"),
             (Status.SUBMITTED,), Status.ENDORSED, (Role.HEAD_OF_ISU, Role.COORDINATOR)),
        Step("adopt", _("Record the adoption"), (Status.ENDORSED,), Status.ADOPTED,
             (Role.HEAD_OF_ISU,), records_adoption=True),
        Step("publish", _("Publish"), (Status.ADOPTED,), Status.PUBLISHED, (Role.HEAD_OF_ISU,)),
        Step("return", _("Return for revision"), (Status.SUBMITTED, Status.ENDORSED),
             Status.DRAFT, (Role.HEAD_OF_ISU, Role.COORDINATOR), needs_reason=True),
    ]
}

# Only a draft can be changed; everything after is locked until it is returned or revised.
EDITABLE = (Status.DRAFT,)
LOCKED = tuple(status for status in Status if status not in EDITABLE)


def may_take(user, step, convention_id):
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or bool(set(step.roles) & roles_for(user, convention_id))


def available_steps(user, status, convention_id):
    """The steps this user may take from this status, in workflow order."""
    return [step for step in STEPS.values()
            if status in step.sources and may_take(user, step, convention_id)]
