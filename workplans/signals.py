"""The points where apps above workplans add to it, so that workplans never imports them."""

from django.dispatch import Signal

plan_budget = Signal()
"""Sent by workplans.rendering.plan_body_html, each time a plan is laid out (its public page,
its document's body), with WorkPlan as sender and the arguments `plan`, `language` and `for_pdf`,
inside translation.override(language). A receiver returns the HTML of the plan's budget; the
answers, joined in the order the receivers were connected, close the plan's last budget
chapter. With no receiver the budget chapter has no table."""

plan_budget_summary = Signal()
"""Sent by workplans.rendering.plan_body_html like plan_budget, with WorkPlan as sender and the
arguments `plan` and `language`. A receiver returns the text the plan's summary prints after
"Budget:" (seed 000: "465,440 瑞郎"), or an empty string; the first non-empty answer is printed.
With no answer the summary has no budget line."""

plan_copied = Signal()
"""Sent by workplans.services when a plan's tree has been copied into a new draft (a clone into
the next period, a correction or revision), inside the same transaction, with WorkPlan as
sender and the arguments `source` and `new` (the plans), `years` (each year of the source
mapped to its year in the copy) and `left_out` (the names of the choices of
clone_into_next_period that are switched off: "budget"). A receiver copies what its app hangs
on the plan, unless its choice is in `left_out`; what it returns is not read."""

plan_budgeted = Signal()
"""Sent by workplans.completeness.missing with WorkPlan as sender and the argument `plan`. A
receiver answers True when its app holds a budget of the plan with at least one line; a plan
for which no receiver answers True has no budget."""

plan_pages = Signal()
"""Sent by workplans.views.plan_detail each time a published plan's public page is drawn (not
for its document's body), with WorkPlan as sender and the arguments `plan` and `language`,
inside that language. A receiver returns a list of (label, address) of the public pages its
app holds about the plan, such as its progress; the plan's page links them in its header."""
