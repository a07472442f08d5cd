"""Changes since the adopted version: a plan's correction or revision (a draft copy whose
`revises` is the published version) compared with the version it changes, row by row, in both
languages.

A copy has new rows, so rows are matched across the versions: first by kind, place in the tree
and content (an unchanged copy), then by content anywhere (a row moved, or shifted by an
inserted or deleted row), then by most similar text among the rows of the same kind left over
(an edited row), then by place (a row rewritten in place). What is left over is added or
removed. The kinds of row and the walk come from workplans/tree.py, the numbers from
outline.number_tree.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from lib.languages import WORKING_LANGUAGE, conventions, series
from lib.numbering import chapter_label
from lib.translated_fields import LANGUAGE_CODES, localized, translated_field_names
from workplans import tree
from workplans.history import EMPTY, readable
from workplans.models import Chapter, WorkPlan
from workplans.outline import number_tree, tree_prefetches

ADDED, REMOVED, CHANGED, MOVED, UNCHANGED = "added", "removed", "changed", "moved", "unchanged"
CHANGE_LABELS = {
    ADDED: _("added"),
    REMOVED: _("removed"),
    CHANGED: _("changed"),
    MOVED: _("moved"),
    UNCHANGED: _("unchanged"),
}
EQUAL, INSERT, DELETE = "equal", "insert", "delete"

# Two rows of a kind whose texts are at least this similar (difflib's ratio, 0…1) are one row,
# edited.
SIMILAR = 0.6
# Beyond this many pairs of left-over rows of one kind, only rows under the same parent are
# compared for similarity (the cost stays bounded when a plan is rewritten wholesale).
_MOST_PAIRS = 20_000
_SEPARATOR = " — "  # between the translated fields of one row (an indicator and its unit)


@dataclass
class LanguageText:
    """One language of an entry."""

    language: str  # a code of settings.LANGUAGES
    old_number: str | None  # as numbered in this language: "I." / "一."
    new_number: str | None
    old_text: str  # "" where the row is added
    new_text: str  # "" where the row is removed
    pieces: list  # [(kind, text)], kind EQUAL, INSERT or DELETE; joined they read old → new
    changed: bool  # the text differs in this language


@dataclass
class FieldChange:
    """A change to a field that is not text (a target, a qualifier, "numbered"), readable."""

    field: str
    before: object
    after: object


@dataclass
class Entry:
    kind: str  # the kind of row: "paragraph", "activity" (the plan itself: "work plan")
    change: str  # ADDED, REMOVED, CHANGED, MOVED or UNCHANGED
    old_number: str | None  # "12.", "1.2.3", "I.", "A.", "(a)"; None where unnumbered or absent
    new_number: str | None
    moved: bool  # in another place (another parent, or another order among its siblings)
    depth: int  # 0 for the plan, 1 for chapters, outcomes…, 2 for their rows…
    languages: list  # [LanguageText], in the order of settings.LANGUAGES
    fields: list = field(default_factory=list)  # [FieldChange]
    old_row: object = None
    new_row: object = None

    @property
    def change_label(self):
        return CHANGE_LABELS[self.change]

    @property
    def renumbered(self):
        return None not in (self.old_number, self.new_number) and self.old_number != self.new_number


@dataclass(eq=False)
class _Node:
    row: object
    model: type
    path: tuple  # ((relation, index among its siblings), …) from the plan down
    parent: "_Node | None"
    texts: dict  # {language: text}
    values: dict  # {field: value} of the fields that are not text
    order: int = 0  # in reading order
    children: list = field(default_factory=list)

    @property
    def signature(self):
        return (tuple(self.texts.items()), tuple(self.values.items()))


def _compared_fields():
    """{model: (translated fields, other fields compared, relations compared)}, from the tree:
    parents, positions and the fields a copy starts afresh are not compared."""
    tree_models = {WorkPlan, *tree.row_models()}
    starts_afresh, cited = {}, {}

    def branches(of):
        for branch in of:
            yield branch
            yield from branches(branch.children)

    for branch in branches(tree.plan_tree()):
        starts_afresh.setdefault(branch.model, set()).update(branch.copy_changes)
        cited.setdefault(branch.model, set()).update(
            relation.split("__")[0] for relation in branch.also_fetch)
    found = {WorkPlan: (translated_field_names(WorkPlan), [], [])}
    for model in tree.row_models():
        translated = translated_field_names(model)
        columns = {localized(name, code) for name in translated for code in LANGUAGE_CODES}
        skipped = {"position", "created_at", "updated_at", *translated, *columns,
                   *starts_afresh.get(model, ())}
        others = [f for f in model._meta.concrete_fields
                  if not f.primary_key and f.name not in skipped and f.attname not in skipped
                  and not (f.is_relation and f.related_model in tree_models)]
        found[model] = (translated, others, sorted(cited.get(model, ())))
    return found


def _text(row, translated, code):
    values = (getattr(row, localized(name, code)) or "" for name in translated)
    return _SEPARATOR.join(value for value in values if value.strip())


def _numbers(row):
    """{language: the row's number as printed in it} from what number_tree attached: "I." /
    "一.", "A.", "12.", "(a)", "1.2.3"; None for an unnumbered row."""
    if isinstance(row, Chapter):
        number = getattr(row, "number", None)
        return {code: chapter_label(number, code) if number else None for code in LANGUAGE_CODES}
    if getattr(row, "letter", None):
        printed = f"{row.letter}."
    elif getattr(row, "label", None):
        printed = f"({row.label})"
    else:
        number = getattr(row, "number", None)
        printed = None if number is None else f"{number}." if isinstance(number, int) else str(number)
    return dict.fromkeys(LANGUAGE_CODES, printed)


def _number(node):
    """The number as printed in the working language (in every language but for chapters: I.
    rather than 一.)."""
    return _numbers(node.row)[WORKING_LANGUAGE] if node is not None else None


def _nodes(plan, fields):
    """Every row of a numbered plan as nodes, the plan first, in reading order."""
    translated, _others, _relations = fields[WorkPlan]
    root = _Node(plan, WorkPlan, (), None,
                 {code: _text(plan, translated, code) for code in LANGUAGE_CODES}, {})
    nodes = [root]

    def visit(parent, branches):
        for branch in branches:
            translated, others, relations = fields[branch.model]
            for index, row in enumerate(getattr(parent.row, branch.relation).all()):
                values = {f: getattr(row, f.attname) for f in others}
                for relation in relations:
                    values[relation] = tuple(sorted(getattr(row, relation).all(),
                                                    key=lambda cited: cited.pk))
                node = _Node(row, branch.model, (*parent.path, (branch.relation, index)), parent,
                             {code: _text(row, translated, code) for code in LANGUAGE_CODES},
                             values, order=len(nodes))
                nodes.append(node)
                parent.children.append(node)
                visit(node, branch.children)

    visit(root, tree.plan_tree())
    return nodes


def _tokens(text, code):
    """Words, spaces and punctuation; Chinese, which has no spaces, by character (a run of Latin
    letters or digits stays one word)."""
    if not conventions(code).spaced:
        return re.findall(r"[A-Za-z0-9]+|\s+|.", text, re.DOTALL)
    return re.findall(r"\w+|\s+|[^\w\s]", text)


def _pieces(old, new, code):
    """[(kind, text)] reading `old` into `new`, adjacent pieces of a kind joined."""
    a, b = _tokens(old, code), _tokens(new, code)
    pieces = []

    def add(kind, tokens):
        text = "".join(tokens)
        if not text:
            return
        if pieces and pieces[-1][0] == kind:
            pieces[-1] = (kind, pieces[-1][1] + text)
        else:
            pieces.append((kind, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add(EQUAL, a[i1:i2])
        else:
            add(DELETE, a[i1:i2])
            add(INSERT, b[j1:j2])
    return pieces


def _similarity(old, new):
    """How alike two rows' texts are (0…1), over the languages either of them has."""
    ratios = []
    for code in LANGUAGE_CODES:
        a, b = old.texts[code], new.texts[code]
        if not (a or b):
            continue
        matcher = difflib.SequenceMatcher(None, _tokens(a, code), _tokens(b, code),
                                          autojunk=False)
        if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
            ratios.append(0.0)
        else:
            ratios.append(matcher.ratio())
    return sum(ratios) / len(ratios) if ratios else 0.0


class _Matching:
    def __init__(self, old_nodes, new_nodes):
        self.old_nodes, self.new_nodes = old_nodes, new_nodes
        self.of_old, self.of_new = {}, {}
        self.pair(old_nodes[0], new_nodes[0])
        self.by_place()
        self.by_content()
        self.by_similarity()
        self.by_place(same_content=False)

    def pair(self, old, new):
        self.of_old[old], self.of_new[new] = new, old

    def parents_paired(self, old, new):
        return self.of_old.get(old.parent) is new.parent

    def left(self, nodes, paired):
        return [node for node in nodes if node not in paired]

    def by_place(self, same_content=True):
        """Rows of a kind at the same place under paired parents (with the same content, or
        whatever it is once every other way has been tried)."""
        old_at = {(node.model, node.path): node for node in self.left(self.old_nodes, self.of_old)}
        for new in self.left(self.new_nodes, self.of_new):
            old = old_at.get((new.model, new.path))
            if (old is not None and old not in self.of_old and self.parents_paired(old, new)
                    and (not same_content or old.signature == new.signature)):
                self.pair(old, new)

    def by_content(self):
        """Rows of a kind with the same content anywhere, under the same parent first."""
        alike = {}
        for new in self.left(self.new_nodes, self.of_new):
            alike.setdefault((new.model, new.signature), []).append(new)
        for old in self.left(self.old_nodes, self.of_old):
            candidates = alike.get((old.model, old.signature))
            if candidates:
                new = next((new for new in candidates if self.parents_paired(old, new)),
                           candidates[0])
                candidates.remove(new)
                self.pair(old, new)

    def by_similarity(self):
        """The most similar rows of a kind among those left, most similar first."""
        olds, news = {}, {}
        for node in self.left(self.old_nodes[1:], self.of_old):
            olds.setdefault(node.model, []).append(node)
        for node in self.left(self.new_nodes[1:], self.of_new):
            news.setdefault(node.model, []).append(node)
        candidates = []
        for model, left_old in olds.items():
            left_new = news.get(model, [])
            everywhere = len(left_old) * len(left_new) <= _MOST_PAIRS
            for old in left_old:
                for new in left_new:
                    near = self.parents_paired(old, new)
                    if not (everywhere or near):
                        continue
                    ratio = _similarity(old, new)
                    if ratio >= SIMILAR:
                        candidates.append((-ratio, not near, abs(old.order - new.order),
                                           old.order, new.order, old, new))
        candidates.sort(key=lambda candidate: candidate[:5])
        for *_key, old, new in candidates:
            if old not in self.of_old and new not in self.of_new:
                self.pair(old, new)

    def moved(self):
        """The paired rows found in another place: under another parent, or out of order among
        the siblings that stayed (those in no longest run kept in order: of two swapped rows,
        both; of one row taken from first to last, that row only)."""
        moved = set()
        for new_parent in self.new_nodes:
            old_parent = self.of_new.get(new_parent)
            stayed = []
            for new in new_parent.children:
                old = self.of_new.get(new)
                if old is None:
                    continue
                if old.parent is not old_parent:
                    moved.add(new)
                else:
                    stayed.append((old.order, new))
            kept = _in_every_longest_run([order for order, _new in stayed])
            moved.update(new for index, (_order, new) in enumerate(stayed) if index not in kept)
        return moved


def _in_every_longest_run(values):
    """Indexes of the values that are in every longest increasing subsequence of `values`."""
    count = len(values)
    ending = [1] * count  # longest increasing run ending at i
    starting = [1] * count  # … starting at i
    for i in range(count):
        for j in range(i):
            if values[j] < values[i]:
                ending[i] = max(ending[i], ending[j] + 1)
    for i in reversed(range(count)):
        for j in range(i + 1, count):
            if values[i] < values[j]:
                starting[i] = max(starting[i], starting[j] + 1)
    longest = max(ending, default=0)
    on_a_run = [i for i in range(count) if ending[i] + starting[i] - 1 == longest]
    at_length = {}
    for i in on_a_run:
        at_length.setdefault(ending[i], []).append(i)
    return {indexes[0] for indexes in at_length.values() if len(indexes) == 1}


def _language_texts(old, new):
    texts = []
    old_numbers = _numbers(old.row) if old else {}
    new_numbers = _numbers(new.row) if new else {}
    for code in LANGUAGE_CODES:
        old_text = old.texts[code] if old else ""
        new_text = new.texts[code] if new else ""
        if old_text == new_text:
            pieces = [(EQUAL, new_text)] if new_text else []
        elif old and new:
            pieces = _pieces(old_text, new_text, code)
        else:
            pieces = [(INSERT, new_text)] if new_text else [(DELETE, old_text)] if old_text else []
        texts.append(LanguageText(code, old_numbers.get(code), new_numbers.get(code), old_text,
                                  new_text, pieces, old_text != new_text))
    return texts


def _field_changes(old, new):
    changes = []
    for key, before in old.values.items():
        after = new.values.get(key)
        if before == after:
            continue
        if isinstance(key, str):  # the rows a row cites (action-plan actions)
            label = old.model._meta.get_field(key).verbose_name
            changes.append(FieldChange(label, series(before) or EMPTY,
                                       series(after) or EMPTY))
        else:
            changes.append(FieldChange(key.verbose_name, readable(key, before),
                                       readable(key, after)))
    return changes


def _entry(old, new, moved):
    node = new or old
    kind = node.model._meta.verbose_name
    if old is None:
        change, fields = ADDED, []
    elif new is None:
        change, fields = REMOVED, []
    else:
        fields = _field_changes(old, new)
        changed = fields or old.texts != new.texts
        change = CHANGED if changed else MOVED if moved else UNCHANGED
    return Entry(kind=kind, change=change, old_number=_number(old), new_number=_number(new),
                 moved=moved, depth=len(node.path), languages=_language_texts(old, new),
                 fields=fields, old_row=old.row if old else None,
                 new_row=new.row if new else None)


def fetch(plan):
    """A plan (or its id) with its whole tree, numbered: a fixed number of queries."""
    pk = plan.pk if isinstance(plan, WorkPlan) else plan
    return number_tree(WorkPlan.objects.prefetch_related(*tree_prefetches()).get(pk=pk))


def compare(old_plan, new_plan, unchanged=False):
    """The changes from `old_plan` (the adopted version) to `new_plan` (its correction or
    revision): a list of Entry in the reading order of the new version, each removed row where
    it was. Rows (and the plan's own title and main objective) that are the same in both, in
    place, are left out unless `unchanged` is true. Plans or their ids; two fetches of a whole
    plan, whatever its size."""
    fields = _compared_fields()
    old_nodes = _nodes(fetch(old_plan), fields)
    new_nodes = _nodes(fetch(new_plan), fields)
    matching = _Matching(old_nodes, new_nodes)
    moved = matching.moved()

    # A removed row goes after the subtree of its nearest earlier sibling still there, or else
    # right after its parent; the rows under a removed row go with it.
    after_subtree, after_row = {}, {}
    for old in old_nodes[1:]:
        if old in matching.of_old or old.parent not in matching.of_old:
            continue
        siblings = old.parent.children
        earlier = [sibling for sibling in siblings[:siblings.index(old)]
                   if sibling in matching.of_old]
        if earlier:
            after_subtree.setdefault(matching.of_old[earlier[-1]], []).append(old)
        else:
            after_row.setdefault(matching.of_old[old.parent], []).append(old)

    entries = []

    def removed(old):
        entries.append(_entry(old, None, False))
        for child in old.children:
            if child not in matching.of_old:
                removed(child)

    def kept(new):
        entries.append(_entry(matching.of_new.get(new), new, new in moved))
        for old in after_row.get(new, ()):
            removed(old)
        for child in new.children:
            kept(child)
        for old in after_subtree.get(new, ()):
            removed(old)

    kept(new_nodes[0])
    if unchanged:
        return entries
    return [entry for entry in entries if entry.change != UNCHANGED]
