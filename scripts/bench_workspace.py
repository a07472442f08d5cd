"""The staff workspace's speed and size, in-process against the database of DATABASE_URL
(run by scripts/bench.py on its demo database): the plan page and a one-row save of the CCM
2019 draft and of a generated plan of 300 activities, as ratios to /healthz in the same run
(query counts are pinned by tests/workspace)."""

import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from workplans import editing, models  # noqa: E402


def median_seconds(call, times=7):
    call()
    durations = []
    for _ in range(times):
        start = time.perf_counter()
        call()
        durations.append(time.perf_counter() - start)
    return statistics.median(durations)


def generated_plan(convention, activities=300):
    plan = models.WorkPlan.objects.create(convention=convention, start_year=2030, end_year=2030,
                                          title_en="Generated plan", title_zh_hans="生成的计划")
    for i in range(1, 11):
        outcome = models.Outcome.objects.create(plan=plan, position=i, text_en=f"Outcome {i}",
                                                text_zh_hans=f"成果{i}")
        for j in range(1, 4):
            output = models.Output.objects.create(outcome=outcome, position=j,
                                                  text_en=f"Output {i}.{j}",
                                                  text_zh_hans=f"产出{i}.{j}")
            for k in range(1, activities // 30 + 1):
                models.Activity.objects.create(output=output, position=k,
                                               text_en=f"Activity {i}.{j}.{k} " + "word " * 20,
                                               text_zh_hans=f"活动{i}.{j}.{k}" + "字" * 30)
    return plan


def main():
    user = get_user_model().objects.get(username="ccm.officer")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    draft = models.WorkPlan.objects.get(convention__code="CCM", start_year=2019)
    generated = generated_plan(draft.convention)
    try:
        health = median_seconds(lambda: client.get("/healthz"))
        print(f"Workspace (in-process): /healthz {health * 1000:.1f} ms")
        for name, plan in (("CCM 2019 draft", draft), ("generated, 300 activities", generated)):
            url = f"/workspace/plans/{plan.pk}/"
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            size = len(response.content)
            page = median_seconds(lambda url=url: client.get(url), times=5)
            row = models.Activity.objects.filter(output__outcome__plan=plan).first()
            form = editing.row_form_class(models.Activity)(instance=row)
            data = {name: form[name].value() or "" for name in form.fields}
            data["actions"] = []

            def save(row=row, data=data, url=url):
                current = models.Activity.objects.get(pk=row.pk)
                data["version"] = editing.version_of(current)
                data["text_en"] = f"Saved at {time.perf_counter()}"
                client.post(f"{url}rows/activity/{row.pk}/", data, HTTP_HX_REQUEST="true")

            saving = median_seconds(save)
            print(f"  {name}: page {size / 1024:.0f} KB, "
                  f"{page * 1000:.0f} ms ({page / health:.0f}× /healthz); one-row save "
                  f"{saving * 1000:.0f} ms ({saving / health:.0f}× /healthz)")
    finally:
        generated.delete()


if __name__ == "__main__":
    main()
