"""What reporting adds to workplans: the link from a published plan's public page to its
published progress."""

from django.db.models import Exists, OuterRef
from django.dispatch import receiver
from django.utils.translation import gettext as _

from reporting.models import ProgressPublication
from reporting.views import public_address
from workplans.models import WorkPlan
from workplans.signals import plan_pages


@receiver(plan_pages)
def link_published_progress(sender, plan, language, **kwargs):
    """The plan's progress page, where its progress is published (one query)."""
    newer = WorkPlan.objects.published().filter(
        convention=OuterRef("plan__convention"), start_year=OuterRef("plan__start_year"),
        end_year=OuterRef("plan__end_year"), version__gt=OuterRef("plan__version"))
    publication = (ProgressPublication.objects.filter(plan=plan)
                   .annotate(superseded=Exists(newer)).first())
    if publication is None:
        return []
    return [(_("Progress of the plan"), public_address(plan, not publication.superseded))]
