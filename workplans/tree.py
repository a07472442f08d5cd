"""The shape of a work plan, described once.

A plan holds branches of rows: summary items; chapters → sections → paragraphs →
sub-paragraphs; outcomes → outputs → activities, with indicators; the APMBC matrix of thematic
areas. Each `Branch` names the model, the relation its parent reaches it by and the foreign key
it hangs from. Everything that walks a plan derives from `PLAN_TREE`:

- `prefetches()`: the querysets that fetch a whole plan in a fixed number of queries;
- `rows()`: every row of a fetched plan, in reading order;
- `paths()`: every path from a kind of row up to its plan: the rows of the plan's record
  (`workplans.models.PLAN`, lib/records.py: ownership and locking) are declared here from them;
- `copy_tree()`: the copy of a whole plan (clone into the next period, correction, revision);
- `row_models()`: the kinds of row (history, search, the editor).
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from workplans import models as m
from workplans.models import PLAN


@dataclass(frozen=True)
class Branch:
    relation: str  # the parent's related name: "chapters"
    model: type
    parent: str  # the row's foreign key to its parent: "plan"
    children: tuple = ()
    also_fetch: tuple = ()  # other relations shown with the row: "actions__action_plan"
    copy_changes: dict = field(default_factory=dict)  # fields a copy starts afresh


def _tree():
    cited = ("actions__action_plan",)

    def indicators(parent):
        # The new period starts from the current target; its revisions start afresh.
        return Branch("indicators", m.Indicator, parent,
                      copy_changes={"original_target": None, "revision_reason": ""})

    def paragraphs(parent):
        return Branch("paragraphs", m.Paragraph, parent,
                      (Branch("subparagraphs", m.SubParagraph, "paragraph"),))

    return (
        Branch("summary_items", m.SummaryItem, "plan"),
        Branch("chapters", m.Chapter, "plan", (
            paragraphs("chapter"),
            Branch("sections", m.Section, "chapter", (paragraphs("section"),)),
        )),
        Branch("outcomes", m.Outcome, "plan", (
            indicators("outcome"),
            Branch("outputs", m.Output, "outcome", (
                indicators("output"),
                Branch("activities", m.Activity, "output", also_fetch=cited),
            )),
        ), also_fetch=cited),
        Branch("thematic_areas", m.ThematicArea, "plan", (
            Branch("impacts", m.Impact, "thematic_area"),
            Branch("activities", m.Activity, "thematic_area", also_fetch=cited),
            Branch("outputs", m.Output, "thematic_area", (indicators("output"),)),
            Branch("outcomes", m.Outcome, "thematic_area", (indicators("outcome"),)),
        )),
    )


_PLAN_TREE = _tree()


def plan_tree():
    """The branches of a work plan."""
    return _PLAN_TREE


def _walk_branches(branches, up=""):
    """(branch, path from its rows up to the plan) for every branch, depth first."""
    for branch in branches:
        path = f"{branch.parent}__{up}" if up else branch.parent
        yield branch, path
        yield from _walk_branches(branch.children, path)


def walk():
    """(branch, path from its rows up to the plan) for every branch of the tree."""
    return list(_walk_branches(plan_tree()))


def prefetches(branches=None):
    """Prefetches that load every row under a plan, whatever the plan's size."""
    result = []
    for branch in plan_tree() if branches is None else branches:
        queryset = branch.model.objects.prefetch_related(*branch.also_fetch,
                                                         *prefetches(branch.children))
        result.append(Prefetch(branch.relation, queryset))
    return result


def rows(plan, branches=None):
    """Every row of a plan fetched with prefetches(), depth first in reading order (the plan
    itself not included)."""
    for branch in plan_tree() if branches is None else branches:
        for row in getattr(plan, branch.relation).all():
            yield row
            yield from rows(row, branch.children)


def paths():
    """{row model: [every path from that kind of row up to its plan]}."""
    found = {}
    for branch, path in _walk_branches(plan_tree()):
        found.setdefault(branch.model, [])
        if path not in found[branch.model]:
            found[branch.model].append(path)
    return found


def row_models():
    """Each kind of row once, in the order of the tree."""
    return list(paths())


def copy_row(row, **changes):
    """Save a copy of a row with some fields (given by attname) changed, and its citations."""
    values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields
              if not f.primary_key}
    values.update(changes)
    copy = type(row)(**values)
    copy._change_reason = "copy"  # history.COPY_REASON: one history entry per copied plan
    copy.save()
    cited = getattr(row, "actions", None)
    if cited is not None:
        copy.actions.set(cited.all())
    return copy


def copy_tree(source, new, branches=None, keep=None):
    """Copy the rows under `source` (fetched with prefetches()) to hang under `new`: every row,
    or only those for which `keep(branch, row)` is true (a row left out takes the rows under it
    with it)."""
    for branch in plan_tree() if branches is None else branches:
        parent = {f"{branch.model._meta.get_field(branch.parent).attname}": new.pk}
        for row in getattr(source, branch.relation).all():
            if keep is None or keep(branch, row):
                copy_tree(row, copy_row(row, **branch.copy_changes, **parent), branch.children,
                          keep)


# Every kind of row belongs to its plan for good, and a locked plan keeps its rows, whoever
# writes them (lib/records.py). The app's ready() imports this module.
for _model, _paths in paths().items():
    PLAN.add_rows(_model, *_paths)
