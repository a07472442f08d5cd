"""The ISU's annual report on its activities, functioning and finances, drafted from the year's
records as an official narrative document of a meeting of its convention.

`draft_annual_report(user, plan_id, year, meeting_id)` is one action: it creates the year's
report (a document of the meeting, numbered after its other documents), or drafts it again.
The body follows the seeds' reports (seed 003; the "activities, functioning and finances" item
of seed 002), in every language, numbered as every narrative document is (meetings/body.py):

- Summary: the year in figures (activities by status, committee meetings supported, meetings
  serviced, missions and workshops, the share of the budget spent);
- I. Introduction: the plan the ISU worked under and its mandate (the plan's main objective,
  else the first paragraph of its first chapter);
- a chapter for each outcome of the results framework and each thematic area of the matrix: a
  paragraph for each activity, output or outcome with progress recorded in the year (its
  accounts, period after period, and the records cited as evidence, counted: "supported 11
  committee meetings", with a footnote citing the documents by symbol), what had no progress,
  and each indicator against its target;
- the functioning of the ISU: staffing (the year's budget), hosting and in-kind support,
  meetings serviced, missions and workshops;
- finances: a table of the budget against expenditure by line (budget, revised budget,
  expenditure, variance) and the totals, carry-forward, reallocations and forecast.

Every block is written through meetings/editing.py, as staff write documents in the workspace,
so its checks apply (scope, an issued document never changes, the body's order). Each block
generated is remembered (GeneratedBlock) with a digest of its text: drafting again updates the
blocks nobody changed, adds and removes what the records now call for, and keeps what a person
edited, or deleted, reporting it back, unless `overwrite` is given. Blocks people added are
never touched.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from budgets.spending import plan_figures
from isu.models import Convention
from isu.roles import may_edit, may_see
from lib.dates import day
from lib.languages import LANGUAGE_CODES, WORKING_LANGUAGE, conventions, series
from lib.money import format_money, format_percent, grouped, percent
from lib.periods import Period, PeriodKind
from lib.translated_fields import localized, translated_value
from meetings import editing
from meetings.models import Block, CommitteeMeeting, Document, IsuActivity, Meeting
from reporting.models import AnnualReport, GeneratedBlock, IndicatorValue, ProgressUpdate
from reporting.outline import plan_progress
from workplans.models import Chapter, Indicator, WorkPlan

# Progress is reported against a plan once it is adopted.
REPORTED = (WorkPlan.Status.ADOPTED, WorkPlan.Status.PUBLISHED)

MARKER = Block.FOOTNOTE_MARKER
TEXT_LIMIT = 19000  # below a block's 20,000 characters, whatever is appended
NOTE_LIMIT = 1900  # below a footnote's 2,000
QUOTED = {True: 90, False: 40}  # characters of a result quoted in a sentence, spaced or not

DONE = {ProgressUpdate.Status.DONE}
GOING = {ProgressUpdate.Status.UNDER_WAY, ProgressUpdate.Status.ONGOING}
STOPPED = {ProgressUpdate.Status.POSTPONED, ProgressUpdate.Status.CANCELLED}


# -- what the year recorded --------------------------------------------------------------------

@dataclass
class Year:
    """Everything the report says, read once: the plan's results with the year's updates, the
    records of the year up to `as_of`, and the year's budget figures."""

    plan: object
    year: int
    as_of: date
    progress: object  # reporting.outline.PlanProgress
    updates: dict  # (kind, id) → [ProgressUpdate of the year, oldest period first]
    committee_meetings: list
    isu_activities: list
    meetings: list
    indicator_totals: dict  # indicator id → the sum of its values of the year
    figures: object  # budgets.figures.BudgetFigures of the year, or None
    mandate: object  # the plan's first narrative paragraph (an object with a text), or None

    def updates_of(self, result):
        return self.updates.get((result.kind, result.row.pk), [])

    def activities(self):
        return self.progress.results("activity")

    def latest_status(self, result):
        updates = self.updates_of(result)
        return updates[-1].status if updates else None

    def missions(self):
        return [a for a in self.isu_activities if a.kind == IsuActivity.Kind.MISSION]

    def workshops(self):
        return [a for a in self.isu_activities if a.kind == IsuActivity.Kind.WORKSHOP]

    def counted(self, counts):
        """What an indicator counting the ISU's records reached in the year."""
        if counts == Indicator.Counts.COMMITTEE_MEETINGS:
            return len(self.committee_meetings)
        if counts == Indicator.Counts.MISSIONS:
            return len(self.missions())
        if counts == Indicator.Counts.WORKSHOPS:
            return len(self.workshops())
        return None


def _chronological(update):
    period = update.period
    return (period.start, period.kind == PeriodKind.MONTH, update.pk)


def read_year(plan, year, as_of=None):
    """The records of `year` that the report of `plan` draws on, up to `as_of` (today, or the
    end of a year that is over)."""
    as_of = min(as_of or timezone.localdate(), date(year, 12, 31))
    first = date(year, 1, 1)
    progress = plan_progress([plan.pk], Period(year, PeriodKind.QUARTER, 4), indicators=False,
                             evidence=False)[0]
    updates = {}
    for update in (ProgressUpdate.objects.for_plan(plan).filter(year=year).with_evidence()
                   .select_related("activity", "output", "outcome")):
        updates.setdefault((update.result_kind, update.result.pk), []).append(update)
    for found in updates.values():
        found.sort(key=_chronological)
    convention = plan.convention_id
    figures = next((f for f in plan_figures(plan.pk) if f.budget.year == year), None)
    return Year(
        plan=plan, year=year, as_of=as_of, progress=progress, updates=updates,
        committee_meetings=list(
            CommitteeMeeting.objects.of_convention(convention).filter(supported_by_isu=True)
            .between(first, as_of).select_related("committee")
            .order_by("committee__position", "committee_id", "held_on")),
        isu_activities=list(IsuActivity.objects.of_convention(convention)
                            .between(first, as_of).order_by("starts_on", "pk")),
        meetings=list(Meeting.objects.filter(convention=convention,
                                             start_date__range=(first, as_of))
                      .select_related("convention").order_by("start_date", "pk")),
        indicator_totals=IndicatorValue.objects.for_plan(plan).filter(year=year).totals(),
        figures=figures,
        mandate=_first_paragraph(plan),
    )


def _first_paragraph(plan):
    """The first paragraph of the plan's first narrative chapter: where a plan without a main
    objective states what the ISU is for."""
    chapter = (Chapter.objects.filter(plan=plan, kind=Chapter.Kind.NARRATIVE)
               .order_by("position", "pk").prefetch_related("paragraphs", "sections__paragraphs")
               .first())
    if chapter is None:
        return None
    paragraphs = list(chapter.paragraphs.all()) or [
        paragraph for section in chapter.sections.all() for paragraph in section.paragraphs.all()]
    return paragraphs[0] if paragraphs else None


# -- the text, in one language -----------------------------------------------------------------

@dataclass
class Piece:
    """A block as generated: its kind and its text and footnote in each language."""

    key: str
    kind: str
    numbered: bool = True
    texts: dict = field(default_factory=dict)  # language → text
    notes: dict = field(default_factory=dict)  # language → footnote text ('' for none)

    @property
    def has_note(self):
        return any(self.notes.values())

    def digest(self):
        return digest(self.kind, 1, self.numbered, self.texts,
                      [self.notes] if self.has_note else [])


def digest(kind, level, numbered, texts, notes):
    """A digest of a block's text as stored: its kind, level, numbering, texts and footnotes in
    every language."""
    parts = [kind, str(level), str(numbered)]
    parts += [texts.get(code, "") or "" for code in LANGUAGE_CODES]
    for note in notes:
        parts += ["\x1e", *(note.get(code, "") or "" for code in LANGUAGE_CODES)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def block_digest(block):
    """The digest of a stored block (its footnotes prefetched or fetched)."""
    return digest(block.kind, block.level, block.numbered,
                  {code: getattr(block, localized("text", code)) or "" for code in LANGUAGE_CODES},
                  [{code: getattr(note, localized("text", code)) or "" for code in LANGUAGE_CODES}
                   for note in block.footnotes.all()])


class Writer:
    """The pieces of the report in the active language: `Writer(year).pieces()` is
    [(key, kind, numbered, text, footnote)] in reading order, the same keys in every
    language."""

    def __init__(self, year):
        self.year = year
        self.code = translation.get_language()
        self.style = conventions(self.code)
        self.out = []

    # The helpers of a sentence -------------------------------------------------------------

    def add(self, key, kind, text, note="", numbered=True):
        self.out.append((key, kind, numbered, _clip(text, TEXT_LIMIT), _clip(note, NOTE_LIMIT)))

    def text(self, row, name):
        return translated_value(row, name, self.code)[0].strip()

    def sentences(self, *parts):
        gap = " " if self.style.spaced else ""
        return gap.join(part.strip() for part in parts if part and part.strip())

    def and_list(self, items, nouns=False):
        return and_list(items, self.style, nouns)

    def semicolons(self, items):
        items = [str(item) for item in items if item]
        if not items:
            return ""
        joined = items[0]
        for item in items[1:]:
            joined = _("%(items)s; %(item)s") % {"items": joined, "item": item}
        return joined

    def quoted(self, text):
        limit = QUOTED[self.style.spaced]
        text = " ".join(text.split())
        if len(text) > limit:
            cut = text[:limit]
            if self.style.spaced and " " in cut:
                cut = cut.rsplit(" ", 1)[0]
            text = cut.rstrip(",;:.，；：。") + "…"
        return text

    def day(self, value):
        return day(value, self.code)

    def money(self, value):
        return format_money(value, self.code)

    def number(self, value):
        return f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)

    # The report ----------------------------------------------------------------------------

    def pieces(self):
        self.summary()
        self.introduction()
        for index, part in enumerate(self.year.progress.parts):
            self.part(index, part)
        self.functioning()
        self.finances()
        return self.out

    def summary(self):
        year = self.year
        self.add("summary-heading", "heading", _("Summary"), numbered=False)
        symbol = year.plan.document.symbol if year.plan.document_id else ""
        if symbol:
            opening = _("The present report describes the activities, functioning and finances "
                        "of the Implementation Support Unit in %(year)s, under its work plan "
                        "(%(symbol)s).") % {"year": year.year, "symbol": symbol}
        else:
            opening = _("The present report describes the activities, functioning and finances "
                        "of the Implementation Support Unit in %(year)s, under its work "
                        "plan.") % {"year": year.year}
        self.add("summary", "paragraph", self.sentences(
            opening, self.activities_by_status(), self.work_of_the_year(), self.spending_rate()),
            numbered=False)

    def activities_by_status(self):
        year = self.year
        activities = year.activities()
        if not activities:
            return ""
        statuses = [year.latest_status(result) for result in activities]
        counts = {"done": sum(s in DONE for s in statuses),
                  "going": sum(s in GOING for s in statuses),
                  "stopped": sum(s in STOPPED for s in statuses)}
        counts["silent"] = len(statuses) - sum(counts.values())
        return ngettext(
            "By %(day)s, the plan's %(total)s activity stood as follows: completed, %(done)s; "
            "under way or ongoing, %(going)s; postponed or cancelled, %(stopped)s; not started "
            "or without recorded progress, %(silent)s.",
            "By %(day)s, the plan's %(total)s activities stood as follows: completed, %(done)s; "
            "under way or ongoing, %(going)s; postponed or cancelled, %(stopped)s; not started "
            "or without recorded progress, %(silent)s.",
            len(activities)) % {"day": self.day(year.as_of), "total": len(activities), **counts}

    def work_of_the_year(self):
        year = self.year
        work = self.work(len(year.committee_meetings), len(year.meetings),
                         len(year.missions()), len(year.workshops()))
        if not work:
            return ""
        return _("In %(year)s the Unit %(work)s.") % {"year": year.year, "work": work}

    def work(self, committee_meetings, meetings, missions, workshops, documents=0,
             meeting_names=()):
        """'supported 11 committee meetings, carried out 3 missions and held 1 workshop'."""
        pieces = []
        if committee_meetings:
            pieces.append(ngettext("supported %(count)s committee meeting",
                                   "supported %(count)s committee meetings",
                                   committee_meetings) % {"count": committee_meetings})
        if meeting_names:
            pieces.append(_("serviced the %(meetings)s") % {
                "meetings": self.and_list(meeting_names, nouns=True)})
        elif meetings:
            pieces.append(ngettext("serviced %(count)s meeting of the Convention",
                                   "serviced %(count)s meetings of the Convention",
                                   meetings) % {"count": meetings})
        if missions:
            pieces.append(ngettext("carried out %(count)s mission",
                                   "carried out %(count)s missions", missions) % {
                "count": missions})
        if workshops:
            pieces.append(ngettext("held %(count)s workshop", "held %(count)s workshops",
                                   workshops) % {"count": workshops})
        if documents:
            pieces.append(ngettext("prepared %(count)s official document",
                                   "prepared %(count)s official documents", documents) % {
                "count": documents})
        return self.and_list(pieces)

    def spending_rate(self):
        figures = self.year.figures
        if figures is None:
            return _("The plan has no budget for %(year)s.") % {"year": self.year.year}
        actual = figures.actual_total
        if actual is None or not (figures.has_spending or actual):
            return _("No expenditure is recorded against the %(year)s budget yet.") % {
                "year": self.year.year}
        return _("By %(day)s the Unit had spent %(spent)s, %(rate)s of its revised budget of "
                 "%(budget)s.") % {
            "day": self.day(self.year.as_of), "spent": self.money(actual),
            "rate": format_percent(percent(actual, figures.revised_total), self.code),
            "budget": self.money(figures.revised_total)}

    def introduction(self):
        year, plan = self.year, self.year.plan
        self.add("introduction", "chapter", pgettext("report", "Introduction"))
        meeting = plan.adopted_at
        if meeting is not None and plan.adopted_on is not None:
            worked = _("In %(year)s the Implementation Support Unit worked under its work plan "
                       "and budget for %(period)s, adopted by the %(meeting)s on %(day)s.") % {
                "year": year.year, "period": plan.period, "meeting": meeting.name_in(self.code),
                "day": self.day(plan.adopted_on)}
        else:
            worked = _("In %(year)s the Implementation Support Unit worked under its work plan "
                       "and budget for %(period)s.") % {"year": year.year, "period": plan.period}
        note = ""
        if plan.document_id:
            worked += MARKER
            title = self.text(plan.document, "title")
            note = _("%(title)s, %(symbol)s.") % {"title": title, "symbol": plan.document.symbol}
        self.add("introduction-plan", "paragraph", worked, note)
        objective = self.text(plan, "main_objective")
        if objective:
            mandate = _("The main objective of the plan is: “%(objective)s”") % {
                "objective": objective}
        elif year.mandate is not None:
            mandate = self.text(year.mandate, "text").replace(MARKER, "")
        else:
            mandate = ""
        if mandate:
            self.add("introduction-mandate", "paragraph", mandate)
        self.add("introduction-structure", "paragraph", _(
            "The present report follows the structure of the plan: a chapter for each of its "
            "outcomes or thematic areas, then the functioning of the Unit and its finances."))

    # The chapters of the plan --------------------------------------------------------------

    def part(self, index, part):
        year = self.year
        if part.area is not None:
            self.area(part)
            return
        # The results framework: a chapter for each outcome, with its outputs and activities.
        chapters, current = [], None
        for result in part.results:
            if result.kind == "outcome":
                current = (result, [])
                chapters.append(current)
            elif current is not None:
                current[1].append(result)
        for outcome, results in chapters:
            key = f"outcome-{outcome.row.pk}"
            self.add(key, "chapter", self.text(outcome.row, "text"))
            for result in [outcome, *results]:
                self.result(result)
            silent = [r for r in results if r.kind == "activity" and not year.updates_of(r)]
            if silent:
                numbers = self.and_list([r.number for r in silent], nouns=True)
                self.add(f"{key}-silent", "paragraph", ngettext(
                    "No progress was recorded in %(year)s on activity %(numbers)s.",
                    "No progress was recorded in %(year)s on activities %(numbers)s.",
                    len(silent)) % {"year": year.year, "numbers": numbers})
            self.indicators([outcome, *results])

    def area(self, part):
        year = self.year
        key = f"area-{part.area.pk}"
        self.add(key, "chapter", self.text(part.area, "title"))
        for result in part.results:
            self.result(result)
        activities = [r for r in part.results if r.kind == "activity"]
        silent = [r for r in activities if not year.updates_of(r)]
        if silent and len(silent) == len(activities):
            text = ngettext(
                "No progress was recorded in %(year)s on the activity of this area.",
                "No progress was recorded in %(year)s on the %(count)s activities of this area.",
                len(silent)) % {"year": year.year, "count": len(silent)}
            self.add(f"{key}-silent", "paragraph", text)
        elif silent:
            text = ngettext(
                "No progress was recorded in %(year)s on %(count)s other activity of this area.",
                "No progress was recorded in %(year)s on %(count)s other activities of this area.",
                len(silent)) % {"year": year.year, "count": len(silent)}
            self.add(f"{key}-silent", "paragraph", text)
        self.indicators(part.results)

    def result(self, result):
        """A paragraph on a result's progress in the year: its accounts, oldest period first,
        what its records add up to and a footnote citing its documents."""
        updates = self.year.updates_of(result)
        if not updates:
            return
        accounts = list(dict.fromkeys(
            text for text in (self.text(u, "account").replace(MARKER, "") for u in updates)
            if text))
        status = updates[-1].status
        closing = ""
        if not accounts or status not in DONE | GOING:
            closing = self.status_sentence(status, self.text(result.row, "text"))
        evidence, note = self.evidence(updates)
        text = self.sentences(*accounts, closing, evidence)
        if note and not evidence:
            text += MARKER
        if result.number:
            label = {"activity": pgettext("report", "Activity %(number)s"),
                     "output": pgettext("report", "Output %(number)s"),
                     "outcome": pgettext("report", "Outcome %(number)s")}[result.kind]
            text = (label % {"number": result.number}) + self.style.colon + text
        self.add(f"{result.kind}-{result.row.pk}", "paragraph", text, note)

    def status_sentence(self, status, text):
        quoted = {"result": self.quoted(text)}
        return {
            ProgressUpdate.Status.NOT_STARTED: _("“%(result)s” has not started."),
            ProgressUpdate.Status.UNDER_WAY: _("“%(result)s” is under way."),
            ProgressUpdate.Status.DONE: _("“%(result)s” was completed."),
            ProgressUpdate.Status.ONGOING: _("“%(result)s” is ongoing."),
            ProgressUpdate.Status.POSTPONED: _("“%(result)s” was postponed."),
            ProgressUpdate.Status.CANCELLED: _("“%(result)s” was cancelled."),
        }[status] % quoted

    def evidence(self, updates):
        """(sentence, footnote): the records the updates cite, counted, and the documents and
        sources they cite in a footnote."""
        records = {name: {} for name in ProgressUpdate.EVIDENCE}
        sources = []
        for update in updates:
            for name in ProgressUpdate.EVIDENCE:
                for row in getattr(update, name).all():
                    records[name][row.pk] = row
            source = self.sentences(update.evidence_note, update.evidence_url and _(
                "See %(address)s.") % {"address": update.evidence_url})
            if source and source not in sources:
                sources.append(source)
        activities = list(records["isu_activities"].values())
        meetings = sorted(records["meetings"].values(), key=lambda m: m.start_date)
        documents = sorted(records["documents"].values(), key=lambda d: d.symbol)
        work = self.work(
            len(records["committee_meetings"]), 0,
            sum(a.kind == IsuActivity.Kind.MISSION for a in activities),
            sum(a.kind == IsuActivity.Kind.WORKSHOP for a in activities), len(documents),
            [meeting.name_in(self.code) for meeting in meetings])
        cited = [_("%(title)s, %(symbol)s") % {"title": self.text(d, "title"), "symbol": d.symbol}
                 for d in documents]
        documents = _("%(documents)s.") % {"documents": self.semicolons(cited)} if cited else ""
        note = self.sentences(documents, *sources)
        if not work:
            return "", note
        sentence = _("For this work the Unit %(work)s.") % {"work": work}
        return sentence + (MARKER if note else ""), note

    def indicators(self, results):
        year = self.year
        for result in results:
            for indicator in (item.indicator for item in result.indicators):
                counted = year.counted(indicator.counts) if indicator.counts else None
                reached = counted if counted is not None else year.indicator_totals.get(
                    indicator.pk)
                unit = self.text(indicator, "unit")
                target = _("%(qualifier)s %(target)s %(unit)s") % {
                    "qualifier": (indicator.get_qualifier_display()
                                  if indicator.qualifier != Indicator.Qualifier.EXACTLY else ""),
                    "target": self.number(indicator.target), "unit": unit}
                values = {"indicator": self.text(indicator, "description"),
                          "target": " ".join(target.split()), "year": year.year}
                if reached is None:
                    text = _("Indicator “%(indicator)s” (target: %(target)s): no value is "
                             "recorded for %(year)s.") % values
                else:
                    text = _("Indicator “%(indicator)s” (target: %(target)s): %(reached)s in "
                             "%(year)s.") % {**values, "reached": " ".join(
                                 f"{self.number(reached)} {unit}".split())}
                self.add(f"indicator-{indicator.pk}", "paragraph", text)

    # The functioning of the ISU and its finances -------------------------------------------

    def functioning(self):
        year = self.year
        self.add("functioning", "chapter", _("Functioning of the Implementation Support Unit"))
        figures = year.figures
        positions = list(figures.budget.staff_positions.all()) if figures else []
        if positions:
            staff = [_("%(title)s (%(fte)s)") % {"title": self.text(p, "title"),
                                                 "fte": self.number(p.fte)} for p in positions]
            text = _("In %(year)s the Unit's staff amounted to %(fte)s full-time equivalents: "
                     "%(positions)s.") % {"year": year.year, "fte": self.number(figures.fte),
                                          "positions": self.semicolons(staff)}
        else:
            text = _("The staffing of the Unit in %(year)s is not recorded with a budget.") % {
                "year": year.year}
        self.add("functioning-staff", "paragraph", text)
        convention = year.plan.convention
        host = self.text(convention, "isu_host")
        hosting = _("The Unit is hosted by the %(host)s.") % {"host": host} if host else ""
        support = [self.text(s, "title") for s in figures.budget.in_kind.all()] if figures else []
        if support:
            hosting = self.sentences(hosting, _("The host provides in kind: %(support)s.") % {
                "support": self.semicolons(support)})
        if hosting:
            self.add("functioning-host", "paragraph", hosting)
        self.add("functioning-meetings", "paragraph", self.meetings_serviced())
        self.add("functioning-missions", "paragraph", self.missions_and_workshops())

    def meetings_serviced(self):
        year = self.year
        by_committee = {}
        for meeting in year.committee_meetings:
            by_committee.setdefault(meeting.committee, []).append(meeting)
        if by_committee:
            committees = [_("%(committee)s (%(count)s)") % {
                "committee": self.text(committee, "name"), "count": len(held)}
                for committee, held in by_committee.items()]
            first = ngettext(
                "In %(year)s the Unit supported %(count)s meeting of the Convention's "
                "committees: %(committees)s.",
                "In %(year)s the Unit supported %(count)s meetings of the Convention's "
                "committees: %(committees)s.", len(year.committee_meetings)) % {
                "year": year.year, "count": len(year.committee_meetings),
                "committees": self.semicolons(committees)}
        else:
            first = _("No committee meeting supported by the Unit is recorded for %(year)s.") % {
                "year": year.year}
        second = ""
        if year.meetings:
            second = ngettext("It serviced %(count)s meeting of the Convention: %(meetings)s.",
                              "It serviced %(count)s meetings of the Convention: %(meetings)s.",
                              len(year.meetings)) % {
                "count": len(year.meetings),
                "meetings": self.semicolons(
                    [_("%(meeting)s (%(dates)s)") % {"meeting": m.name_in(self.code),
                                                     "dates": self.day(m.start_date)}
                     for m in year.meetings])}
        return self.sentences(first, second)

    def places(self, activities):
        names = [a.country.name for a in activities if a.country]
        counted = {name: names.count(name) for name in dict.fromkeys(names)}
        return self.and_list([name if n == 1 else _("%(place)s (%(count)s)") % {
            "place": name, "count": n} for name, n in counted.items()], nouns=True)

    def missions_and_workshops(self):
        year = self.year
        missions, workshops = year.missions(), year.workshops()
        parts = []
        if missions:
            parts.append(ngettext("In %(year)s the Unit carried out %(count)s mission, to "
                                  "%(places)s.",
                                  "In %(year)s the Unit carried out %(count)s missions, to "
                                  "%(places)s.", len(missions)) % {
                "year": year.year, "count": len(missions), "places": self.places(missions)})
        if workshops:
            parts.append(ngettext("It held %(count)s workshop, in %(places)s.",
                                  "It held %(count)s workshops, in %(places)s.",
                                  len(workshops)) % {
                "count": len(workshops), "places": self.places(workshops)})
        if not parts:
            return _("No mission or workshop of the Unit is recorded for %(year)s.") % {
                "year": year.year}
        return self.sentences(*parts)

    def finances(self):
        year, figures = self.year, self.year.figures
        self.add("finances", "chapter", _("Finances"))
        if figures is None:
            self.add("finances-none", "paragraph", _("The plan has no budget for %(year)s.") % {
                "year": year.year})
            return
        self.add("finances-introduction", "paragraph", _(
            "The table below compares the Unit's %(year)s budget with its expenditure as at "
            "%(day)s, line by line, in Swiss francs; the revised budget includes the "
            "reallocations between lines.") % {"year": year.year, "day": self.day(year.as_of)})
        self.add("finances-table", "table", self.table(figures))
        self.add("finances-totals", "paragraph", self.totals(figures))

    def table(self, figures):
        def amount(value):
            return "—" if value is None else grouped(value)

        def row(label, item):
            cells = [label, amount(item.amount), amount(item.revised), amount(item.actual),
                     amount(item.variance)]
            return " | ".join(cell.replace(Block.CELL_SEPARATOR, "/").replace("\n", " ")
                              for cell in cells)

        rows = [" | ".join([_("Budget line"), _("Budget"), _("Revised budget"),
                            _("Expenditure"), _("Variance")])]

        def walk(items):
            for item in items:
                if item.is_group:
                    walk(item.items)
                    rows.append(row(self.text(item.group, "title"), item))
                else:
                    rows.append(row(item.line.titles()[self.code] or str(item.line), item))

        walk(figures.items)
        total = SimpleNamespace(amount=figures.total, revised=figures.revised_total,
                                actual=figures.actual_total, variance=figures.variance)
        rows.append(row(_("Total"), total))
        return "\n".join(rows)

    def totals(self, figures):
        year = self.year
        actual = figures.actual_total
        sentences = []
        if actual is None:
            sentences.append(_("The revised budget for %(year)s totals %(budget)s; the "
                               "expenditure of some lines is not recorded.") % {
                "year": year.year, "budget": self.money(figures.revised_total)})
        else:
            sentences.append(_(
                "The revised budget for %(year)s totals %(budget)s. By %(day)s the Unit had "
                "spent %(spent)s (%(rate)s), leaving %(balance)s of the %(available)s "
                "available.") % {
                "year": year.year, "budget": self.money(figures.revised_total),
                "day": self.day(year.as_of), "spent": self.money(actual),
                "rate": format_percent(percent(actual, figures.revised_total), self.code),
                "balance": self.money(figures.available - actual),
                "available": self.money(figures.available)})
        carried = figures.carried_forward
        if carried:
            sentences.append(_("The funds available include %(amount)s carried forward from "
                               "%(previous)s.") % {"amount": self.money(carried),
                                                   "previous": year.year - 1})
        else:
            sentences.append(_("Nothing was carried forward from %(previous)s.") % {
                "previous": year.year - 1})
        moved = list(figures.budget.reallocations.all())
        if moved:
            sentences.append(ngettext(
                "%(count)s reallocation moved %(amount)s between budget lines.",
                "%(count)s reallocations moved %(amount)s between budget lines.", len(moved)) % {
                "count": len(moved), "amount": self.money(sum(r.amount for r in moved))})
        if figures.has_spending and year.as_of < date(year.year, 12, 31):
            sentences.append(_("The expenditure forecast for the year is %(forecast)s.") % {
                "forecast": self.money(figures.forecast_total)})
        return self.sentences(*sentences)


def and_list(items, style, nouns=False):
    """'a, b and c' by the language's conventions (lib/languages.py): phrases apart with its
    comma (，in Chinese), nouns with its enumeration mark (、)."""
    items = [str(item) for item in items if item]
    if len(items) < 2:
        return "".join(items)
    if nouns:
        return _("%(items)s and %(last)s") % {"items": style.enumeration.join(items[:-1]),
                                             "last": items[-1]}
    return pgettext("a list of phrases", "%(items)s and %(last)s") % {
        "items": style.comma.join(items[:-1]), "last": items[-1]}


def _clip(text, limit):
    text = (text or "").strip()
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def generate(year):
    """[Piece] of the report in every language, in reading order."""
    pieces = {}
    order = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            for key, kind, numbered, text, note in Writer(year).pieces():
                if key not in pieces:
                    pieces[key] = Piece(key, kind, numbered)
                    order.append(key)
                pieces[key].texts[code] = text
                pieces[key].notes[code] = note
    return [pieces[key] for key in order]


def titles():
    """{language: the report's title pattern} (%(year)s in it), and {language: who submits
    it}."""
    found, senders = {}, {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            found[code] = _("Report on the activities, functioning and finances of the "
                            "Implementation Support Unit in %(year)s")
            senders[code] = _("Director of the Implementation Support Unit")
    return found, senders


# -- drafting ----------------------------------------------------------------------------------

@dataclass
class Draft:
    """What drafting did: the report, whether its document is new, the blocks added, updated
    and removed, and the blocks people edited (kept, or replaced with `overwrite`) or deleted
    (left out, or written again with `overwrite`)."""

    report: AnnualReport
    created: bool = False
    added: int = 0
    updated: int = 0
    removed: int = 0
    kept: list = field(default_factory=list)  # blocks edited by people, kept as they are
    replaced: list = field(default_factory=list)  # blocks edited by people, replaced
    left_out: int = 0  # generated blocks people deleted, not written again

    @property
    def document(self):
        return self.report.document


def reportable_plan(user, plan_id):
    """The plan, if the user writes its convention's documents (a 404 for a plan they may not
    see, PermissionDenied for one they only read) and it is adopted or published."""
    plan = (WorkPlan.objects.select_related("convention", "document", "adopted_at__convention")
            .filter(pk=plan_id).first())
    if plan is None or not may_see(user, plan.convention_id):
        raise Http404
    if not may_edit(user, plan.convention_id):
        raise PermissionDenied(_("Only the ISU's officers and its head draft its reports."))
    if plan.status not in REPORTED:
        raise PermissionDenied(_(
            "The annual report is drafted from the progress recorded against an adopted plan: "
            "%(plan)s is “%(status)s”.") % {"plan": plan, "status": plan.get_status_display()})
    return plan


def report_years(plan, today=None):
    """The years of the plan that have begun: those it may report on."""
    today = today or timezone.localdate()
    return [year for year in range(plan.start_year, plan.end_year + 1) if year <= today.year]


def report_meetings(plan):
    """The meetings of the plan's convention a report of its years may go to: those held from
    the start of its first year on, soonest first."""
    return (Meeting.objects.filter(convention=plan.convention_id,
                                   start_date__gte=date(plan.start_year, 1, 1))
            .select_related("convention").order_by("start_date", "pk"))


@transaction.atomic
def draft_annual_report(user, plan_id, year, meeting_id=None, overwrite=False, today=None):
    """Draft the ISU's report of `year` on its activities, functioning and finances from the
    records of `plan_id`, as a narrative document of meeting `meeting_id`; or draft again the
    report already begun for that year (its meeting stays; `meeting_id` may then be None).
    Returns a Draft.

    Refused: a plan the user may not see (Http404); a user who does not write its convention's
    documents, a plan not adopted or published, a report already issued (PermissionDenied);
    a year outside the plan's or not yet begun, a meeting of another convention or held before
    the year, or another meeting than the report's (ValidationError naming "year" or
    "meeting")."""
    plan = reportable_plan(user, plan_id)
    # One draft of a convention's reports at a time: a report is created once for its year.
    Convention.objects.select_for_update().get(pk=plan.convention_id)
    if year not in report_years(plan, today):
        raise ValidationError({"year": _(
            "Choose a year of the plan that has begun: %(years)s.") % {
            "years": series(report_years(plan, today)) or "—"}})
    report = (AnnualReport.objects.select_for_update(of=("self",))
              .filter(convention=plan.convention_id, year=year)
              .select_related("document__meeting").first())
    if report is not None:
        document = report.document
        if document.issued:
            raise PermissionDenied(_("The %(year)s report is issued as %(symbol)s and never "
                                     "changes: issue a corrigendum or a revision instead.") % {
                "year": year, "symbol": document.symbol})
        if meeting_id not in (None, "", document.meeting_id):
            raise ValidationError({"meeting": _(
                "The %(year)s report is already drafted as %(symbol)s for the %(meeting)s: "
                "draft it again there.") % {"year": year, "symbol": document.symbol,
                                            "meeting": document.meeting.name}})
        report.plan, report.drafted_by = plan, user
        report.save()
        draft = Draft(report)
    else:
        meeting = _meeting_for(plan, year, meeting_id)
        document = _new_document(plan, year, meeting)
        report = AnnualReport.objects.create(convention=plan.convention, year=year, plan=plan,
                                             document=document, drafted_by=user)
        draft = Draft(report, created=True)
    pieces = generate(read_year(plan, year, today))
    _write(user, draft, pieces, overwrite)
    return draft


def _meeting_for(plan, year, meeting_id):
    meeting = (Meeting.objects.select_for_update().select_related("convention")
               .filter(pk=meeting_id).first() if meeting_id else None)
    if meeting is None or meeting.convention_id != plan.convention_id:
        raise ValidationError({"meeting": _("Choose a meeting of the %(convention)s.") % {
            "convention": plan.convention}})
    if meeting.start_date < date(year, 1, 1):
        raise ValidationError({"meeting": _(
            "The report of %(year)s goes to a meeting held from %(year)s on.") % {"year": year}})
    return meeting


def _new_document(plan, year, meeting):
    """The report's document: the meeting's next number, narrative, in every language, not
    issued; validated as the admin validates a document."""
    taken = (Document.objects.filter(meeting=meeting, amends=None, component="")
             .aggregate(last=Max("number"))["last"] or 0)
    found, senders = titles()
    document = Document(
        meeting=meeting, number=taken + 1, body=Document.Body.NARRATIVE, issued=False,
        languages=list(LANGUAGE_CODES), original_language=WORKING_LANGUAGE,
        **{localized("title", code): found[code] % {"year": year} for code in LANGUAGE_CODES},
        **{localized("submitted_by", code): senders[code] for code in LANGUAGE_CODES})
    document.full_clean()
    document.save()
    return document


# -- writing the blocks ------------------------------------------------------------------------

def _values(piece, block=None):
    """What the document service takes for a block: its texts and settings, and its footnote
    (the block's one footnote corrected or deleted, or a new one)."""
    values = {"kind": piece.kind, "numbered": piece.numbered, "level": 1,
              **{localized("text", code): piece.texts.get(code, "") for code in LANGUAGE_CODES}}
    notes = list(block.footnotes.all()) if block is not None else []
    if block is not None:
        values["version"] = editing.row_version(block)
        values["footnote"] = [str(note.pk) for note in notes]
    for index, note in enumerate(notes):
        prefix = f"fn-{note.pk}"
        if index == 0 and piece.has_note:
            values.update({f"{prefix}-{localized('text', code)}": piece.notes.get(code, "")
                           for code in LANGUAGE_CODES})
        else:
            values.update({f"{prefix}-DELETE": "on",
                           **{f"{prefix}-{localized('text', code)}": getattr(
                               note, localized("text", code)) or "" for code in LANGUAGE_CODES}})
    if piece.has_note and not notes:
        values.update({f"{editing.BlockEdit.NEW}-{localized('text', code)}":
                       piece.notes.get(code, "") for code in LANGUAGE_CODES})
    return values


def _refused(form):
    """The errors of a block's form (a BlockEdit) as one ValidationError."""
    forms = [getattr(form, "form", form), getattr(form, "new_footnote", None),
             *getattr(form, "footnotes", [])]
    return ValidationError([message for f in forms if f is not None
                            for messages in f.errors.values() for message in messages])


def _blocks(document):
    return {block.pk: block for block in
            Block.objects.filter(document=document).prefetch_related("footnotes")}


def _write(user, draft, pieces, overwrite):
    report = draft.report
    document_id = report.document_id
    generated = {row.key: row for row in report.generated_blocks.all()}
    blocks = _blocks(document_id)
    wanted = {piece.key for piece in pieces}
    previous = None  # the block the next new block goes after
    for piece in pieces:
        row = generated.get(piece.key)
        block = blocks.get(row.block_id) if row is not None and row.block_id else None
        if row is not None and block is None:  # a person deleted it
            if not overwrite:
                draft.left_out += 1
                continue
        if block is None:
            block = _add(user, document_id, piece, previous, blocks)
            draft.added += 1
        else:
            stored = block_digest(block)
            if stored == piece.digest():
                pass
            elif stored == row.digest or overwrite:
                if stored != row.digest:
                    draft.replaced.append(block)
                block = _save(user, document_id, piece, block)
                draft.updated += 1
            else:
                draft.kept.append(block)
                previous = block
                _remember(report, generated, piece.key, block, row.digest)
                continue
        blocks[block.pk] = block
        previous = block
        _remember(report, generated, piece.key, block, block_digest(block))
    for key, row in generated.items():
        if key in wanted:
            continue
        block = blocks.get(row.block_id) if row.block_id else None
        if block is not None and block_digest(block) != row.digest and not overwrite:
            draft.kept.append(block)
            continue
        if block is not None:
            block = Block.objects.prefetch_related("footnotes").get(pk=block.pk)  # renumbered
            try:
                editing.delete_row(user, document_id, "block", block.pk,
                                   editing.row_version(block))
            except ValidationError:  # the body would fall out of order: it stays
                draft.kept.append(block)
                continue
            draft.removed += 1
        row.delete()


def _remember(report, generated, key, block, value):
    row = generated.get(key)
    if row is None:
        generated[key] = GeneratedBlock.objects.create(report=report, block=block, key=key,
                                                       digest=value)
    elif (row.block_id, row.digest) != (block.pk, value):
        row.block, row.digest = block, value
        row.save(update_fields=["block", "digest"])


def _after(previous, blocks):
    """Where a new block goes: after the block of the part before it and the sub-paragraphs and
    bullets a person added under it (they belong to it); first if there is none."""
    ordered = sorted(blocks.values(), key=lambda b: (b.position, b.pk))
    if previous is None:
        return {"before": ordered[0].pk} if ordered else {}
    index = next(i for i, b in enumerate(ordered) if b.pk == previous.pk)
    while index + 1 < len(ordered) and ordered[index + 1].kind in (Block.Kind.SUBPARAGRAPH,
                                                                   Block.Kind.BULLET):
        index += 1
    return {"after": ordered[index].pk}


def _add(user, document_id, piece, previous, blocks):
    place = _after(previous, blocks)
    row, form = editing.add_row(user, document_id, "block", _values(piece), **place)
    if row is None:
        raise _refused(form)
    # The positions of the blocks after it moved: read them again.
    blocks.clear()
    blocks.update(_blocks(document_id))
    return blocks[row.pk]


def _save(user, document_id, piece, block):
    row, form = editing.save_row(user, document_id, "block", block.pk, _values(piece, block))
    if form.errors:
        raise _refused(form)
    return Block.objects.prefetch_related("footnotes").get(pk=row.pk)


# -- reading a draft ---------------------------------------------------------------------------

def edited_blocks(report):
    """The blocks of the report that people changed since it was last drafted, in reading
    order."""
    generated = {row.block_id: row.digest for row in report.generated_blocks.all()
                 if row.block_id}
    return [block for block in Block.objects.filter(pk__in=generated).order_by("position", "pk")
            .prefetch_related("footnotes") if block_digest(block) != generated[block.pk]]


def where(document_id, blocks):
    """Where the blocks are, in the active language: 'paragraphs 4 and 7, the heading of
    chapter II and 1 other passage'."""
    numbers = editing.block_numbers(document_id)
    code = translation.get_language()
    paragraphs, chapters, others = [], [], 0
    for block in sorted(blocks, key=lambda b: (b.position, b.pk)):
        labels = numbers.get(block.pk, ({}, 1))[0]
        label = (labels.get(code) or "").rstrip(".")
        if block.kind == Block.Kind.PARAGRAPH and label:
            paragraphs.append(label)
        elif block.kind == Block.Kind.CHAPTER and label:
            chapters.append(label)
        else:
            others += 1
    style = conventions(code)
    parts = []
    if paragraphs:
        parts.append(ngettext("paragraph %(numbers)s", "paragraphs %(numbers)s",
                              len(paragraphs)) % {"numbers": and_list(paragraphs, style, True)})
    if chapters:
        parts.append(ngettext("the heading of chapter %(numbers)s",
                              "the headings of chapters %(numbers)s", len(chapters)) % {
            "numbers": and_list(chapters, style, True)})
    if others:
        parts.append(ngettext("%(count)s other passage", "%(count)s other passages",
                              others) % {"count": others})
    return and_list(parts, style, nouns=True)


__all__ = ["Draft", "draft_annual_report", "edited_blocks", "generate",
           "read_year", "report_meetings", "report_years", "reportable_plan", "where"]
