"""The budget in the workspace, in the same place as its plan: lines edited in place, rules that
name lines added in the same sitting, new rows where they are inserted; the same write rules as
plan rows (scope, lock, ownership, conflicts, bad input refused and nothing half-saved); a fixed
number of queries."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from budgets import editing
from budgets.figures import compute, fetch
from budgets.models import Budget, Category, Group, Line
from tests import factories
from tests.forms import posted_values
from workplans.models import WorkPlan

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(ccm):
    return factories.plan("CCM", 2019, end_year=2020)


@pytest.fixture
def budget(plan):
    """Staff costs (salaries 345,054; social security at 20% of salaries), then travel 37,000."""
    budget = factories.budget(plan, lines=[("salaries", "345054", 0), ("travel", "37000")],
                              groups=["Staff costs"])
    Group.objects.filter(budget=budget).update(title_zh_hans="人事费用")
    salaries = Line.objects.get(budget=budget, category__code="salaries")
    Line.objects.create(budget=budget, group=salaries.group, position=2, rule_rate=20,
                        rule_base=salaries, category=factories_category("social_security"),
                        note_en="20% of annual salaries.")
    Line.objects.filter(budget=budget, category__code="travel").update(position=2)
    return budget


def factories_category(code):
    return Category.objects.get_or_create(code=code, defaults={
        "title_en": code.replace("_", " ").capitalize(), "title_zh_hans": code})[0]


def line(budget, code):
    return Line.objects.get(budget=budget, category__code=code)


def order(budget):
    """The budget's rows as the table prints them: lines, each subtotal after its lines."""
    rows = []

    def walk(items):
        for item in items:
            if item.is_group:
                walk(item.items)
                rows.append(f"[{item.group.title}]")
            else:
                rows.append(item.line.label or item.line.category.code)

    walk(compute(fetch(budget.pk)).items)
    return rows


def total(budget):
    return compute(fetch(budget.pk)).total


def form_data(user, row, budget, **changes):
    """What the row's form posts back unchanged, with `changes`."""
    fetched = editing.fetch(user, budget.plan_id, budget.pk)
    row = editing.own_row(fetched, editing.kind_of(row), row.pk)
    form = editing.form_class(editing.kind_of(row))(instance=row, budget=fetched)
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else str(value)
    return data | {k: str(v) for k, v in changes.items()}


NEW_LINE = {"category": "", "label_zh_hans": "", "label_en": "", "amount": "",
            "rule_rate": "", "rule_base": "", "note_zh_hans": "", "note_en": "", "group": ""}


# -- services, without any view -------------------------------------------------------------

def test_another_conventions_officer_finds_no_budget(apmbc_officer, budget):
    row = line(budget, "travel")
    for call in (lambda: editing.fetch(apmbc_officer, budget.plan_id, budget.pk),
                 lambda: editing.save_row(apmbc_officer, budget.plan_id, budget.pk, "line",
                                          row.pk, {"amount": "1"}),
                 lambda: editing.add_row(apmbc_officer, budget.plan_id, budget.pk, "line", {}),
                 lambda: editing.create_budget(apmbc_officer, budget.plan_id, 2020)):
        with pytest.raises(Http404):
            call()
    assert line(budget, "travel").amount == Decimal("37000")


def test_a_locked_plan_keeps_its_budget(ccm_officer, plan, budget):
    factories.set_status(plan, WorkPlan.Status.SUBMITTED)
    row = line(budget, "travel")
    with pytest.raises(PermissionDenied, match="only a draft work plan can be changed"):
        editing.save_row(ccm_officer, plan.pk, budget.pk, "line", row.pk,
                         form_data(ccm_officer, row, budget, amount="1"))
    with pytest.raises(PermissionDenied):
        editing.delete_row(ccm_officer, plan.pk, budget.pk, "line", row.pk,
                           editing.version_of(row))
    with pytest.raises(PermissionDenied):
        editing.create_budget(ccm_officer, plan.pk, 2020)
    assert line(budget, "travel").amount == Decimal("37000")


def test_a_row_of_another_budget_is_a_404_and_cannot_be_named(ccm_officer, plan, budget):
    other = factories.budget(plan, year=2020, lines=[("travel", "5"), ("salaries", "6", 0)],
                             groups=["Elsewhere"])
    foreign_line, foreign_group = line(other, "travel"), Group.objects.get(budget=other)
    with pytest.raises(Http404):
        editing.save_row(ccm_officer, plan.pk, budget.pk, "line", foreign_line.pk, {})
    with pytest.raises(Http404):
        editing.add_row(ccm_officer, plan.pk, budget.pk, "line", {},
                        place=f"after:line-{foreign_line.pk}")
    with pytest.raises(Http404):
        editing.delete_row(ccm_officer, plan.pk, budget.pk, "group", foreign_group.pk, "")
    row = line(budget, "travel")
    _saved, form = editing.save_row(ccm_officer, plan.pk, budget.pk, "line", row.pk, form_data(
        ccm_officer, row, budget, rule_rate="10", rule_base=foreign_line.pk, group=foreign_group.pk))
    assert form.errors["rule_base"] == ["A rule refers to a line of the same budget."]
    assert form.errors["group"] == ["Choose a subtotal of this budget."]
    assert line(budget, "travel").rule_base_id is None


def test_the_second_of_two_saving_one_line_gets_a_conflict_and_nothing_is_lost(
        ccm_officer, ccm_head, plan, budget):
    row = line(budget, "travel")
    mine = form_data(ccm_officer, row, budget, amount="40000", note_en="Mine")
    theirs = form_data(ccm_officer, row, budget, amount="39000", note_en="Theirs")
    editing.save_row(ccm_head, plan.pk, budget.pk, "line", row.pk, theirs)
    with pytest.raises(editing.Conflict) as conflict:
        editing.save_row(ccm_officer, plan.pk, budget.pk, "line", row.pk, mine)
    assert conflict.value.row.amount == Decimal("39000")  # theirs, to show
    assert conflict.value.form.data["note_en"] == "Mine"  # mine, kept in the form
    assert "changed by someone else" in str(conflict.value)
    assert line(budget, "travel").note_en == "Theirs"
    again = mine | {"version": editing.version_of(conflict.value.row)}
    editing.save_row(ccm_officer, plan.pk, budget.pk, "line", row.pk, again)
    assert line(budget, "travel").note_en == "Mine"


def test_two_people_saving_different_lines_both_succeed(ccm_officer, ccm_head, plan, budget):
    travel, salaries = line(budget, "travel"), line(budget, "salaries")
    first = form_data(ccm_officer, travel, budget, amount="1000")
    second = form_data(ccm_officer, salaries, budget, amount="2000")
    editing.save_row(ccm_officer, plan.pk, budget.pk, "line", travel.pk, first)
    editing.save_row(ccm_head, plan.pk, budget.pk, "line", salaries.pk, second)
    assert (line(budget, "travel").amount, line(budget, "salaries").amount) == (1000, 2000)


def test_a_rule_names_a_line_added_in_the_same_sitting(ccm_officer, plan, budget):
    consultants = factories_category("consultants")
    staff = Group.objects.get(budget=budget)
    added, form = editing.add_row(ccm_officer, plan.pk, budget.pk, "line", NEW_LINE | {
        "category": consultants.pk, "label_en": "Consultants", "amount": "50000",
        "group": staff.pk}, place=f"after:line-{line(budget, 'salaries').pk}")
    assert added is not None, form.errors
    insurance, form = editing.add_row(ccm_officer, plan.pk, budget.pk, "line", NEW_LINE | {
        "category": consultants.pk, "label_en": "Consultants' insurance", "rule_rate": "7.5",
        "rule_base": added.pk, "group": staff.pk}, place=f"after:line-{added.pk}")
    assert insurance is not None, form.errors
    figures = compute(fetch(budget.pk))
    amounts = {figure.line.pk: figure.amount for figure in figures.lines}
    assert amounts[insurance.pk] == Decimal("3750")  # 7.5% of 50,000
    assert order(budget) == ["salaries", "Consultants", "Consultants' insurance",
                             "social_security", "[Staff costs]", "travel"]


@pytest.mark.parametrize("changes, field, message", [
    ({"amount": "-5"}, "amount", "An amount cannot be negative."),
    ({"amount": "10.555"}, "amount", "Ensure that there are no more than 2 decimal places."),
    ({"amount": "twelve"}, "amount", "Enter a number."),
    ({"amount": "250000000"}, "amount", "surely a typing error"),
    ({"rule_rate": "20", "rule_base": "itself"}, "rule_base",
     "A line cannot be derived from itself."),
    ({"rule_rate": "20", "rule_base": "999999"}, "rule_base",
     "A rule refers to a line of the same budget."),
    ({"rule_rate": "20"}, "__all__", "A rule needs both its percentage and its line."),
    ({"amount": ""}, "__all__", "Enter an amount, or a percentage of another line."),
    ({"rule_rate": "120", "rule_base": "social_security"}, "rule_rate", "100"),
    ({"group": "999999"}, "group", "Choose a subtotal of this budget."),
])
def test_bad_input_is_explained_and_nothing_is_saved(ccm_officer, plan, budget, changes, field,
                                                     message):
    row = line(budget, "salaries")
    ids = {"itself": row.pk, "social_security": line(budget, "social_security").pk}
    changes = {k: ids.get(v, v) for k, v in changes.items()}
    before = editing.version_of(row)
    _saved, form = editing.save_row(ccm_officer, plan.pk, budget.pk, "line", row.pk,
                                    form_data(ccm_officer, row, budget, **changes))
    assert message in " ".join(form.errors[field])
    assert editing.version_of(line(budget, "salaries")) == before


def test_a_rule_going_round_in_a_loop_is_refused(ccm_officer, plan, budget):
    """Salaries cannot follow social security, which follows salaries."""
    row = line(budget, "salaries")
    _saved, form = editing.save_row(ccm_officer, plan.pk, budget.pk, "line", row.pk, form_data(
        ccm_officer, row, budget, amount="", rule_rate="10", rule_base=line(budget, "social_security").pk))
    assert form.errors["rule_base"] == ["A line cannot be derived from itself."]
    assert line(budget, "salaries").rule_base_id is None


def test_a_subtotal_cannot_contain_itself(ccm_officer, plan, budget):
    staff = Group.objects.get(budget=budget)
    inner = Group.objects.create(budget=budget, parent=staff, position=3, title_en="Inner")
    data = form_data(ccm_officer, staff, budget, parent=staff.pk)
    _saved, form = editing.save_row(ccm_officer, plan.pk, budget.pk, "group", staff.pk, data)
    assert form.errors["parent"] == ["A subtotal cannot contain itself."]
    data = form_data(ccm_officer, staff, budget, parent=inner.pk)
    _saved, form = editing.save_row(ccm_officer, plan.pk, budget.pk, "group", staff.pk, data)
    assert "A subtotal cannot contain itself." in str(form.errors)
    assert Group.objects.get(pk=staff.pk).parent_id is None


def test_messages_speak_the_users_language(ccm_officer, plan, budget):
    row = line(budget, "travel")
    with translation.override("zh-hans"):
        _saved, form = editing.save_row(ccm_officer, plan.pk, budget.pk, "line", row.pk,
                                        form_data(ccm_officer, row, budget, amount="-5"))
        assert form.errors["amount"] == ["金额不能为负数。"]


def test_new_rows_go_where_they_are_inserted_and_move(ccm_officer, plan, budget):
    travel = factories_category("travel")
    salaries = line(budget, "salaries")
    before, _form = editing.add_row(ccm_officer, plan.pk, budget.pk, "line", NEW_LINE | {
        "category": travel.pk, "label_en": "Before salaries", "amount": "1",
        "group": salaries.group_id}, place=f"before:line-{salaries.pk}")
    last, _form = editing.add_row(ccm_officer, plan.pk, budget.pk, "line", NEW_LINE | {
        "category": travel.pk, "label_en": "Last", "amount": "2"})
    editing.add_row(ccm_officer, plan.pk, budget.pk, "group",
                    {"title_en": "Other", "title_zh_hans": "", "parent": ""},
                    place=f"after:group-{salaries.group_id}")
    assert order(budget) == ["Before salaries", "salaries", "social_security",
                             "[Staff costs]", "[Other]", "travel", "Last"]
    editing.move_row(ccm_officer, plan.pk, budget.pk, "line", last.pk, "up")
    editing.move_row(ccm_officer, plan.pk, budget.pk, "line", before.pk, "down")
    assert order(budget) == ["salaries", "Before salaries", "social_security",
                             "[Staff costs]", "[Other]", "Last", "travel"]


def test_deleting_a_subtotal_keeps_its_lines_in_its_place(ccm_officer, plan, budget):
    staff = Group.objects.get(budget=budget)
    amount = total(budget)
    editing.delete_row(ccm_officer, plan.pk, budget.pk, "group", staff.pk,
                       editing.version_of(staff))
    assert order(budget) == ["salaries", "social_security", "travel"]
    assert total(budget) == amount


def test_a_line_that_a_rule_names_is_not_deleted(ccm_officer, plan, budget):
    salaries = line(budget, "salaries")
    with pytest.raises(ValidationError, match="the rule of “Social security”"):
        editing.delete_row(ccm_officer, plan.pk, budget.pk, "line", salaries.pk,
                           editing.version_of(salaries))
    assert Line.objects.filter(pk=salaries.pk).exists()
    with pytest.raises(editing.Conflict):
        editing.delete_row(ccm_officer, plan.pk, budget.pk, "line", line(budget, "travel").pk,
                           "stale")


def test_a_budget_is_created_for_a_year_that_has_none(ccm_officer, plan, budget):
    created = editing.create_budget(ccm_officer, plan.pk, 2020)
    assert created.year == 2020 and created.plan_id == plan.pk
    with pytest.raises(ValidationError, match="already has a budget"):
        editing.create_budget(ccm_officer, plan.pk, 2019)
    with pytest.raises(ValidationError, match="within the work plan's period"):
        editing.create_budget(ccm_officer, plan.pk, 2024)
    assert Budget.objects.filter(plan=plan).count() == 2


# -- views ----------------------------------------------------------------------------------

def url(budget, suffix=""):
    return f"/workspace/plans/{budget.plan_id}/budgets/{budget.pk}/{suffix}"


def opened_form(client, budget, anchor):
    page = client.get(url(budget), {"edit": anchor}).content.decode()
    part = page.split(f'<tr class="row editing" id="{anchor}">')[1].split("</form>")[0]
    return posted_values(part)


def test_the_page_shows_the_table_with_the_rule_in_the_notes(as_user, ccm_officer, budget):
    page = as_user(ccm_officer).get(url(budget)).content.decode()
    assert "Budget for 2019" in page
    assert "20% of Salaries" in page and "20% of annual salaries." in page
    assert "CHF 69,011" in page  # the rule's figure, as the line's amount
    assert "CHF 451,065" in page  # the total: 345,054 + 69,011 + 37,000
    assert 'id="amount-group-' in page and "人事费用" in page


def test_a_line_is_edited_without_javascript(as_user, ccm_officer, budget):
    client = as_user(ccm_officer)
    row = line(budget, "travel")
    data = opened_form(client, budget, f"line-{row.pk}") | {"amount": "40'000",
                                                             "note_zh_hans": "差旅"}
    response = client.post(url(budget, f"rows/line/{row.pk}/"), data)
    assert response.status_code == 302 and response["Location"].endswith(f"#line-{row.pk}")
    assert line(budget, "travel").amount == Decimal("40000")
    assert line(budget, "travel").note_zh_hans == "差旅"


def test_with_htmx_a_save_answers_the_row_and_the_figures_in_few_queries(
        as_user, ccm_officer, budget):
    client = as_user(ccm_officer)
    row = line(budget, "salaries")
    data = opened_form(client, budget, f"line-{row.pk}") | {"amount": "400000"}
    form = client.get(url(budget, f"rows/line/{row.pk}/edit/"), **HTMX).content.decode()
    assert form.startswith('<tr class="row editing"') and 'hx-post=' in form
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url(budget, f"rows/line/{row.pk}/"), data, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and body.startswith('<tr class="row budget-line')
    assert "CHF 400,000" in body.split("</tr>")[0]
    figures = body.split("<template>")[1]
    assert 'id="amount-total" hx-swap-oob="true">CHF 517,000<' in figures  # 400,000 + 80,000 + …
    assert "CHF 80,000" in figures  # social security follows its rule
    assert len(response.content) < 10_000
    assert len(queries) <= 15


def test_with_htmx_a_move_to_another_subtotal_shows_the_page_again(as_user, ccm_officer, budget):
    client = as_user(ccm_officer)
    row = line(budget, "travel")
    data = opened_form(client, budget, f"line-{row.pk}") | {
        "group": str(Group.objects.get(budget=budget).pk)}
    response = client.post(url(budget, f"rows/line/{row.pk}/"), data, **HTMX)
    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    assert order(budget) == ["salaries", "social_security", "travel", "[Staff costs]"]


def test_a_conflict_shows_both_values_and_keeps_the_users(as_user, ccm_officer, budget):
    client = as_user(ccm_officer)
    row = line(budget, "travel")
    mine = opened_form(client, budget, f"line-{row.pk}") | {"note_en": "Mine"}
    theirs = opened_form(client, budget, f"line-{row.pk}") | {"note_en": "Theirs"}
    client.post(url(budget, f"rows/line/{row.pk}/"), theirs)
    response = client.post(url(budget, f"rows/line/{row.pk}/"), mine, **HTMX)
    body = response.content.decode()
    assert "changed by someone else" in body and "<dd>Theirs</dd>" in body
    assert "\nMine</textarea>" in body
    assert line(budget, "travel").note_en == "Theirs"
    response = client.post(url(budget, f"rows/line/{row.pk}/"), mine)  # without htmx
    assert response.status_code == 200 and "changed by someone else" in response.content.decode()
    again = opened_form(client, budget, f"line-{row.pk}") | {"note_en": "Mine"}
    assert client.post(url(budget, f"rows/line/{row.pk}/"), again).status_code == 302


def test_bad_input_comes_back_in_the_form_and_nothing_is_saved(as_user, ccm_officer, budget):
    client = as_user(ccm_officer)
    row = line(budget, "travel")
    data = opened_form(client, budget, f"line-{row.pk}") | {"amount": "-5"}
    body = client.post(url(budget, f"rows/line/{row.pk}/"), data, **HTMX).content.decode()
    assert "An amount cannot be negative." in body and 'value="-5"' in body
    body = client.post(url(budget, f"rows/line/{row.pk}/"), data).content.decode()
    assert "An amount cannot be negative." in body and "<html" in body
    assert line(budget, "travel").amount == Decimal("37000")


def test_a_line_is_added_after_a_line(as_user, ccm_officer, budget):
    client = as_user(ccm_officer)
    salaries = line(budget, "salaries")
    page = client.get(url(budget), {"add": "line", "place": f"after:line-{salaries.pk}"})
    assert "New budget line" in page.content.decode()
    piece = client.get(url(budget, "add/"), {"add": "line", "place": f"after:line-{salaries.pk}"},
                       **HTMX).content.decode()
    assert piece.startswith('<tr class="adding"')
    response = client.post(url(budget, "add/"), NEW_LINE | {
        "kind": "line", "place": f"after:line-{salaries.pk}",
        "category": factories_category("consultants").pk, "label_en": "Consultants",
        "amount": "1000", "group": str(salaries.group_id)})
    added = Line.objects.get(label_en="Consultants")
    assert response.status_code == 302 and response["Location"].endswith(f"#line-{added.pk}")
    assert order(budget) == ["salaries", "Consultants", "social_security", "[Staff costs]",
                             "travel"]
    response = client.post(url(budget, "add/"), NEW_LINE | {"kind": "line", "place": ""})
    assert "Enter an amount, or a percentage of another line." in response.content.decode()


def test_rows_are_moved_and_deleted_with_confirmation(as_user, ccm_officer, budget):
    client = as_user(ccm_officer)
    travel = line(budget, "travel")
    client.post(url(budget, f"rows/line/{travel.pk}/move/"), {"direction": "up"})
    assert order(budget) == ["travel", "salaries", "social_security", "[Staff costs]"]
    confirm = client.get(url(budget), {"delete": f"line-{travel.pk}"}).content.decode()
    assert "Delete this budget line?" in confirm
    piece = client.get(url(budget, f"rows/line/{travel.pk}/delete/"), **HTMX).content.decode()
    assert piece.startswith('<tr class="row deleting"')
    response = client.post(url(budget, f"rows/line/{travel.pk}/delete/"),
                           {"version": editing.version_of(travel)}, follow=True)
    assert "Deleted." in response.content.decode()
    assert not Line.objects.filter(pk=travel.pk).exists()
    salaries = line(budget, "salaries")
    confirm = client.get(url(budget), {"delete": f"line-{salaries.pk}"}).content.decode()
    assert "change their rule before deleting it" in confirm


def test_a_locked_plan_shows_its_budget_read_only(as_user, ccm_officer, plan, budget):
    factories.set_status(plan, WorkPlan.Status.SUBMITTED)
    client = as_user(ccm_officer)
    row = line(budget, "travel")
    page = client.get(url(budget), {"edit": f"line-{row.pk}"}).content.decode()
    assert "only a draft can be changed" in page
    table = page.split('id="budget-table"')[1].split("</table>")[0]
    assert "<input" not in table and "?edit=" not in table and 'form="budget-moves"' not in page
    response = client.post(url(budget, f"rows/line/{row.pk}/"), {"amount": "1"}, follow=True)
    assert "only a draft work plan can be changed" in response.content.decode()
    assert client.get(url(budget, f"rows/line/{row.pk}/edit/")).status_code == 403
    assert line(budget, "travel").amount == Decimal("37000")


def test_another_conventions_officer_gets_a_404(as_user, apmbc_officer, ccm_officer, plan,
                                                 budget):
    row = line(budget, "travel")
    client = as_user(apmbc_officer)
    assert client.get(url(budget)).status_code == 404
    assert client.post(url(budget, f"rows/line/{row.pk}/"), {"amount": "1"}).status_code == 404
    other = factories.budget(plan, year=2020, lines=[("travel", "5")])
    mine = as_user(ccm_officer)
    foreign = line(other, "travel")
    assert mine.get(url(budget), {"edit": f"line-{foreign.pk}"}).status_code == 404
    assert mine.post(url(budget, f"rows/line/{foreign.pk}/"), {"amount": "1"}).status_code == 404
    assert mine.post(url(budget, f"rows/line/{foreign.pk}/delete/")).status_code == 404
    assert line(other, "travel").amount == Decimal("5")


def test_the_page_runs_a_fixed_number_of_queries(as_user, ccm_officer, plan, budget):
    client = as_user(ccm_officer)
    large = factories.budget(plan, year=2020, groups=["One", "Two", "Three"],
                             lines=[("travel", str(n), n % 3) for n in range(1, 25)])
    base = Line.objects.filter(budget=large).first()
    Line.objects.create(budget=large, category=factories_category("insurance"), position=30,
                        rule_rate=5, rule_base=base)
    counts = []
    for each, params in ((budget, {}), (large, {}), (budget, {"edit": "x"})):
        client.get(url(each), params)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(each), params).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2] <= 10
    anchors = [f"line-{base.pk}", f"group-{Group.objects.filter(budget=large).first().pk}"]
    opened = []
    for anchor in anchors:
        with CaptureQueriesContext(connection) as queries:
            client.get(url(large), {"edit": anchor})
        opened.append(len(queries))
    assert max(opened) <= counts[0] + 2


def test_the_plan_page_links_its_budgets_in_a_fixed_number_of_queries(as_user, ccm_officer,
                                                                      plan, budget):
    client = as_user(ccm_officer)
    page = client.get(f"/workspace/plans/{plan.pk}/").content.decode()
    assert f'href="/workspace/plans/{plan.pk}/budgets/{budget.pk}/"' in page
    assert '<option value="2020">2020</option>' in page
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/workspace/plans/{plan.pk}/")
    counted = len(queries)  # counted now: the next request starts a new log of queries
    response = client.post(f"/workspace/plans/{plan.pk}/budgets/add/", {"year": "2020"})
    created = Budget.objects.get(plan=plan, year=2020)
    assert response["Location"] == url(created)
    with CaptureQueriesContext(connection) as again:
        page = client.get(f"/workspace/plans/{plan.pk}/").content.decode()
    # As many for two budgets as for one, but for the new budget's form and its categories,
    # gone once every year has its budget.
    assert len(again) == counted - 1 and "budget-year" not in page
    response = client.post(f"/workspace/plans/{plan.pk}/budgets/add/", {"year": "2019"},
                           follow=True)
    assert "already has a budget" in response.content.decode()


def test_the_budget_page_works_in_chinese(as_user, ccm_officer, budget):
    client = as_user(ccm_officer)
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": url(budget)})
    page = client.get(url(budget)).content.decode()
    assert '<html lang="zh-hans">' in page
    assert "451,065 瑞郎" in page and "合计" in page and "费用" in page
    row = line(budget, "travel")
    data = opened_form(client, budget, f"line-{row.pk}") | {"amount": "-5"}
    body = client.post(url(budget, f"rows/line/{row.pk}/"), data, **HTMX).content.decode()
    assert "金额不能为负数。" in body
