"""The CCM's states. The conventions and their action plans are reference data, written by the
migrations (isu/migrations/0005_reference_data.py); the demo only reads them. Safe to run
again: it adds what is missing."""

from demo.helpers import day, read
from isu.models import Convention, Participation


def load(stdout):
    conventions = {convention.code: convention for convention in Convention.objects.all()}
    for state in read("ccm_states.json"):
        Participation.objects.get_or_create(
            convention=conventions["CCM"], country=state["country"],
            defaults={"signed_on": day(state["signed_on"]), "joined_on": day(state["joined_on"]),
                      "instrument": state["instrument"]},
        )
    stdout.write(f"Conventions: {Convention.objects.count()}; "
                 f"CCM states recorded: {conventions['CCM'].participations.count()}")
