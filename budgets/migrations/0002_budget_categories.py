"""The budget categories every ISU starts with; each may add its own.

Written by code, so that a database which already has them, from an earlier load of the demo,
gets no duplicates. The untranslated column mirrors the default language, as the running
product stores it.
"""

from django.db import migrations

# (code, English title, Chinese title), in the order budgets list them.
CATEGORIES = [
    ("salaries", "Salaries", "薪金"),
    ("social_security", "Social security", "社保"),
    ("communication", "Communication and public relations", "宣传"),
    ("travel", "Travel", "差旅"),
    ("other_support", "Other implementation support costs", "其他执行支助费用"),
]


def write(apps, schema_editor):
    Category = apps.get_model("budgets", "Category")
    for position, (code, english, chinese) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(
            code=code, defaults={"title": english, "title_en": english, "title_zh_hans": chinese,
                                 "position": position})


class Migration(migrations.Migration):

    dependencies = [
        ("budgets", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(write, migrations.RunPython.noop),
    ]
