"""The reference data reaches every database through its migrations, with no demo: the shipped
conventions and their action plans, how they name their meetings, their committees and the
budget categories."""

from budgets.models import Category
from isu.models import ActionPlan, Convention
from meetings.models import Committee, MeetingPattern
from tests import factories

REFERENCE_MODELS = [Convention, ActionPlan, MeetingPattern, Committee, Category]


def counts():
    return {model._meta.label: model.objects.count() for model in REFERENCE_MODELS}


def test_after_migrate_alone_the_four_conventions_are_set_up(db):
    conventions = {row.code: row for row in Convention.objects.all()}
    assert sorted(conventions) == ["APMBC", "BWC", "CCM", "CCW"]
    ccm, apmbc = conventions["CCM"], conventions["APMBC"]
    assert (ccm.document_series, ccm.short_name_zh_hans) == ("CCM", "《集束弹药公约》")
    assert (apmbc.document_series, apmbc.isu_host_en) == (
        "APLC", "Geneva International Centre for Humanitarian Demining (GICHD)")
    assert [row.endorsing_body_en for row in conventions.values()] == [
        "Coordinating Committee", "", "Coordination Committee", ""]
    assert ccm.adopting_body_zh_hans == "缔约国会议"
    shipped = {(row.convention.code, row.kind): row.symbol_prefix
               for row in MeetingPattern.objects.select_related("convention")}
    assert shipped[("APMBC", "msp")] == "{series}/MSP.{number}/{year}"
    assert shipped[("BWC", "review_conference")] == "{series}/CONF.{roman}"
    assert {row.name_en for row in Committee.objects.filter(kind="coordination")} == {
        "Coordination Committee", "Coordinating Committee"}
    assert list(Category.objects.values_list("code", flat=True)) == [
        "salaries", "social_security", "communication", "travel", "other_support"]
    assert [(row.convention.code, row.name_en, row.start_year) for row in ActionPlan.objects.all()
            if row.start_year >= 2020] == [("APMBC", "Oslo Action Plan", 2020),
                                           ("APMBC", "Siem Reap-Angkor Action Plan", 2025),
                                           ("CCM", "Lausanne Action Plan", 2021)]


def test_the_data_migrations_add_no_duplicates_to_a_database_that_has_the_data(db):
    before = counts()
    factories.reference_data()  # as on a database an earlier demo already filled
    assert counts() == before
