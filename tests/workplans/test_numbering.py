from tests import factories
from workplans import models
from workplans.outline import number_tree, tree_prefetches


def numbered(plan):
    return number_tree(models.WorkPlan.objects.prefetch_related(*tree_prefetches()).get(pk=plan.pk))


def activity_numbers(plan):
    tree = numbered(plan)
    return [(activity.number, activity.text_en)
            for outcome in tree.outcomes.all()
            for output in outcome.outputs.all()
            for activity in output.activities.all()]


def test_results_are_numbered_from_their_positions(ccm):
    plan = factories.plan(outcomes=2, outputs=2, activities=2)
    numbers = [number for number, _text in activity_numbers(plan)]
    assert numbers[:3] == ["1.1.1", "1.1.2", "1.2.1"]
    assert numbers[-1] == "2.2.2"


def test_reordering_outcomes_renumbers_everything_under_them(ccm):
    plan = factories.plan(outcomes=2, outputs=1, activities=1)
    first, second = plan.outcomes.order_by("position")
    first.position, second.position = 2, 1
    first.save()
    second.save()
    assert activity_numbers(plan) == [("1.1.1", "Activity 2.1.1"), ("2.1.1", "Activity 1.1.1")]


def test_deleting_a_row_closes_the_gap(ccm):
    plan = factories.plan(outcomes=1, outputs=3, activities=1)
    models.Output.objects.get(text_en="Output 1.2").delete()
    assert activity_numbers(plan) == [("1.1.1", "Activity 1.1.1"), ("1.2.1", "Activity 1.3.1")]


def test_adding_a_row_between_two_shifts_the_next_ones(ccm):
    plan = factories.plan(outcomes=1, outputs=1, activities=2)
    output = models.Output.objects.get()
    output.activities.filter(position=2).update(position=3)
    models.Activity.objects.create(output=output, position=2, text_en="New")
    assert [n for n, _t in activity_numbers(plan)] == ["1.1.1", "1.1.2", "1.1.3"]
    assert activity_numbers(plan)[1] == ("1.1.2", "New")


def test_paragraphs_are_numbered_consecutively_through_the_document(ccm):
    plan = factories.plan()
    factories.chapter(plan, "Intro", position=1, paragraphs=3)
    body = factories.chapter(plan, "Body", position=2, paragraphs=1)
    section_a = models.Section.objects.create(chapter=body, position=1, title_en="A")
    section_b = models.Section.objects.create(chapter=body, position=2, title_en="B")
    models.Paragraph.objects.create(section=section_a, position=1, text_en="in A")
    unnumbered = models.Paragraph.objects.create(section=section_b, position=1, numbered=False,
                                                 text_en="note")
    models.Paragraph.objects.create(section=section_b, position=2, text_en="in B")
    tree = numbered(plan)
    intro, body = tree.chapters.all()
    assert [p.number for p in intro.paragraphs.all()] == [1, 2, 3]
    assert [p.number for p in body.paragraphs.all()] == [4]
    sections = list(body.sections.all())
    assert [s.letter for s in sections] == ["A", "B"]
    assert [p.number for p in sections[0].paragraphs.all()] == [5]
    assert [p.number for p in sections[1].paragraphs.all()] == [None, 6]
    assert unnumbered.pk == sections[1].paragraphs.all()[0].pk


def test_sub_paragraphs_are_lettered_and_chapters_count_only_numbered_ones(ccm):
    plan = factories.plan()
    factories.chapter(plan, "Objectives", position=1, numbered=False)
    chapter = factories.chapter(plan, "Mandate", position=2, paragraphs=1)
    paragraph = chapter.paragraphs.get()
    for position in (1, 2, 3):
        models.SubParagraph.objects.create(paragraph=paragraph, position=position, text_en="x")
    tree = numbered(plan)
    objectives, mandate = tree.chapters.all()
    assert (objectives.number, mandate.number) == (None, 1)
    labels = [s.label for s in mandate.paragraphs.all()[0].subparagraphs.all()]
    assert labels == ["a", "b", "c"]
