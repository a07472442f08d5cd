"""Benchmark of invoices and statements (run by `make bench`): a convention of 120 states
parties with their financial contacts and a formula, its budget adopted and assessed, in a
throw-away SQLite database; prints the time to generate the set, to print every statement's
PDFs (English and Chinese) and to send them all by e-mail (Django's in-memory mail backend),
per statement and in total.

Sending is timed as the background job does it (financing.statements.deliver: each statement's
two PDFs printed again, one message per state), in this process; the job queue is not involved.
STATES (default 120) changes the number of states. Nothing of the project is touched; the
database is removed at the end.
"""

import os
import shutil
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="isu-bench-statements-"))
os.environ.update({
    "DATABASE_URL": f"sqlite:///{WORKDIR / 'bench.sqlite3'}", "DEBUG": "false",
    "SECRET_KEY": "bench-only-" + "x" * 40, "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false", "DJANGO_SETTINGS_MODULE": "project.settings",
    "BANK_DETAILS": '{"CCM": {"beneficiary": "EXAMPLE ONLY - CCM ISU (benchmark)", '
                    '"bank": "Example Bank", "address": "1 Example Street, Geneva", '
                    '"iban": "CH9300762011623852957", "bic": "EXMPCHZZXXX"}}',
})

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django_countries import countries  # noqa: E402

STATES = int(os.environ.get("STATES", "120"))
YEAR = 2030


def build():
    """CCM with STATES parties (one contact each), a formula, a budget adopted and assessed,
    and a payment from every third state; the finance user."""
    from budgets.models import Budget, Category, Line
    from financing import services
    from financing.models import (
        Contact,
        ContributionMethod,
        Contributor,
        Fund,
        Scale,
        ScaleShare,
    )
    from isu.models import Convention, Participation, StaffRole
    from workplans.models import WorkPlan

    ccm = Convention.objects.get(code="CCM")
    user = get_user_model().objects.create_user("bench.finance", is_staff=True)
    StaffRole.objects.create(user=user, convention=ccm, role=StaffRole.Role.FINANCE)
    plan = WorkPlan.objects.create(convention=ccm, start_year=YEAR, end_year=YEAR,
                                   title_en=f"ISU {YEAR} work plan",
                                   title_zh_hans=f"执行支助股 {YEAR} 年工作计划")
    budget = Budget.objects.create(plan=plan, year=YEAR)
    category = Category.objects.filter(code="staff").first() or Category.objects.create(
        code="staff", title_en="Staff", title_zh_hans="工作人员")
    Line.objects.create(budget=budget, category=category, position=1,
                        amount=Decimal(5000 * STATES))
    WorkPlan.objects.filter(pk=plan.pk).update(status=WorkPlan.Status.ADOPTED,
                                               adopted_on=date(YEAR - 1, 9, 6))
    scale = Scale.objects.create(convention=ccm, source_en="Benchmark scale",
                                 dated=date(YEAR - 1, 1, 1))
    codes = [code for code, _name in list(countries)[:STATES]]
    for index, code in enumerate(codes):
        Participation.objects.create(convention=ccm, country=code, joined_on=date(2010, 1, 1),
                                     instrument="ratification")
        ScaleShare.objects.create(scale=scale, country=code,
                                  share=Decimal("0.001") * (1 + index % 50))
    ContributionMethod.objects.create(convention=ccm, kind="formula", scale=scale,
                                      floor=Decimal("100"), ceiling=Decimal("100000"))
    core = Fund.objects.create(convention=ccm, kind=Fund.Kind.CORE, name_en="ISU core budget",
                               name_zh_hans="执行支助股核心预算")
    services.assess(user, ccm, core, YEAR, budget)
    for index, contributor in enumerate(Contributor.objects.filter(state__in=codes)):
        Contact.objects.create(convention=ccm, contributor=contributor,
                               email=f"finance@{contributor.state.code.lower()}.example")
        if index % 3 == 0:
            services.record_payment(user, contributor=contributor, fund=core, year=YEAR - 1,
                                    value_date=date(YEAR - 1, 3, 1), amount="1000",
                                    reference=f"B-{contributor.state.code}-{YEAR - 1}")
            services.record_payment(user, contributor=contributor, fund=core, year=YEAR,
                                    value_date=date(YEAR, 2, 1), amount="500",
                                    reference=f"B-{contributor.state.code}-{YEAR}")
    return user, core


def main():
    from financing import letters
    from financing.statements import deliver, generate_statements, progress, send_run
    from lib.languages import LANGUAGE_CODES

    print(f"Invoices and statements: preparing {STATES} states in {WORKDIR}…", flush=True)
    call_command("migrate", "--noinput", verbosity=0)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    user, core = build()

    start = time.perf_counter()
    run = generate_statements(user, core, YEAR)
    generating = time.perf_counter() - start
    statements = list(run.statements.select_related("run__fund__convention", "contributor"))
    count = len(statements)

    letters.render_statement_pdf(statements[0], "zh-hans")  # fonts loaded once, as in a worker
    rendering = {code: 0.0 for code in LANGUAGE_CODES}
    for statement in statements:
        for code in LANGUAGE_CODES:
            begin = time.perf_counter()
            letters.render_statement_pdf(statement, code)
            rendering[code] += time.perf_counter() - begin
    printing = sum(rendering.values())

    start = time.perf_counter()
    send_run(user, run)
    deliver(run.pk)
    sending = time.perf_counter() - start
    done = progress(run)
    assert done.sent == count and len(mail.outbox) == count, (done, len(mail.outbox))

    print(f"  generate the set of {count}: {generating:.2f} s "
          f"({generating / count * 1000:.1f} ms per statement)")
    languages = ", ".join(f"{code} {seconds / count * 1000:.0f} ms" for code, seconds
                          in rendering.items())
    print(f"  print every PDF ({count} × {len(LANGUAGE_CODES)}): {printing:.1f} s "
          f"({printing / count * 1000:.0f} ms per statement: {languages})")
    print(f"  send all ({count} messages with both PDFs, in-memory mail): {sending:.1f} s "
          f"({sending / count * 1000:.0f} ms per statement)")
    print(f"  total: {generating + printing + sending:.1f} s")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)
