"""Benchmarks of the publishing targets; prints its figures (run with `make bench`).

1. The Chinese PDF of seed 000 (CCM/MSP/2017/4) against its English PDF, in the same run.
2. A stored PDF download against its first render, through gunicorn.
3. Requests per second of the public work-plan page against /healthz, under gunicorn with
   DEBUG=False, in the same run.

4. Load: 32 concurrent clients on the public pages and PDF downloads for 60 seconds, under
   gunicorn on PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
   isu_bench, created if missing); errors, p50 and p99.

5. The staff workspace: the plan page and a one-row save of a draft and of a generated plan of
   300 activities, against /healthz (scripts/bench_workspace.py).

Parts 1–3 and 5 work in a throw-away SQLite database; every part uses a free port; nothing of the
project is touched.
"""

import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SYMBOL = "CCM/MSP/2017/4"
PLAN_PAGE = "/en/ccm/work-plans/2018/"
PDF_URL = f"/en/documents/{SYMBOL}/zh-hans.pdf"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def timed_renders(env):
    """Median seconds of three renders of each language, alternating, after a warm-up."""
    code = f"""
import statistics, time, django
django.setup()
from meetings.models import Document
from meetings.rendering import render_pdf
document = Document.objects.get(symbol={SYMBOL!r})
render_pdf(document, "en"); render_pdf(document, "zh-hans")
times = {{"en": [], "zh-hans": []}}
for _ in range(3):
    for language in times:
        start = time.perf_counter(); render_pdf(document, language)
        times[language].append(time.perf_counter() - start)
print(statistics.median(times["en"]), statistics.median(times["zh-hans"]))
"""
    out = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    start = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - start
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}")
    return elapsed, body


def requests_per_second(port, path, seconds=5.0, clients=8):
    """Keep-alive clients in threads, as many requests as they manage in `seconds`."""
    counts = [0] * clients
    deadline = time.perf_counter() + seconds

    def client(index):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < deadline:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"GET {path} answered {response.status}")
            counts[index] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds


def wait_for(port, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            get(port, "/healthz")
            return
        except (OSError, RuntimeError):
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


LOAD_PATHS = [
    "/en/ccm/work-plans/2018/", "/zh-hans/ccm/work-plans/2018/",
    "/en/apmbc/work-plans/2026/", "/zh-hans/apmbc/work-plans/2026/",
    "/en/ccm/", "/zh-hans/documents/CCW/MSP/2014/3/", "/en/documents/CCM/MSP/2017/4/",
    "/en/documents/CCM/MSP/2017/4/zh-hans.pdf", "/en/documents/APLC/MSP.22/2025/5/en.pdf",
    "/zh-hans/documents/CCW/MSP/2014/3/zh-hans.pdf",
]


def load(port, seconds, clients=32):
    """Clients in threads, each on its own keep-alive connection, picking paths at random."""
    latencies, errors = [], []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(seed):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, failed = [], []
        while time.perf_counter() < deadline:
            path = rng.choice(LOAD_PATHS)
            start = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed.append(f"{response.status} {path}")
            except (OSError, http.client.HTTPException) as error:
                failed.append(f"{type(error).__name__} {path}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append(time.perf_counter() - start)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors.extend(failed)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def ensure_database(url):
    """Create the PostgreSQL database of the load run if it does not exist yet."""
    from urllib.parse import urlparse

    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(host=parts.hostname, port=parts.port or 5432,
                                  user=parts.username or "postgres",
                                  password=parts.password or None, dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("select 1 from pg_database where datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'create database "{name}"')
    connection.close()


def serve(env, port):
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "project.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "8", "--log-level", "warning"],
        cwd=ROOT, env=env)
    wait_for(port)
    return server


def load_run(base_env):
    url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/isu_bench")
    seconds = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
    ensure_database(url)
    env = {**base_env, "DATABASE_URL": url}
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--force-production")  # DEBUG is false here
    port = free_port()
    server = serve(env, port)
    try:
        for path in LOAD_PATHS:  # the first request renders and stores each PDF
            get(port, path)
        latencies, errors = load(port, seconds)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"Load on PostgreSQL, 32 clients for {seconds:.0f} s over {len(LOAD_PATHS)} public "
          f"pages and PDFs: {len(latencies):,} requests ({len(latencies) / seconds:.0f} req/s), "
          f"{len(errors)} errors; p50 {percentile(latencies, 0.50) * 1000:.1f} ms, "
          f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms")
    if errors:
        print("  first errors:", ", ".join(errors[:5]))


def main():
    workdir = Path(tempfile.mkdtemp(prefix="isu-bench-"))
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
           "DEBUG": "false", "SECRET_KEY": "bench-only-" + "x" * 40,
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "false",
           "DJANGO_SETTINGS_MODULE": "project.settings"}
    print("Preparing a demo database…", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--force-production")  # DEBUG is false here
    manage(env, "collectstatic", "--noinput", "-v0")

    english, chinese = timed_renders(env)
    print(f"PDF of {SYMBOL}: English {english:.2f} s, Chinese {chinese:.2f} s "
          f"(Chinese/English {chinese / english:.2f}×; target at most 1.5×)")

    subprocess.run([PYTHON, "scripts/bench_workspace.py"], cwd=ROOT, env=env, check=True)

    server = serve(env, port)
    try:
        manage(env, "shell", "-c", "from meetings.models import Rendition; "
                                   "Rendition.objects.all().delete()")
        first, body = get(port, PDF_URL)
        stored = statistics.median(get(port, PDF_URL)[0] for _ in range(20))
        print(f"PDF download ({len(body):,} bytes): first render {first * 1000:.0f} ms, stored "
              f"{stored * 1000:.1f} ms ({first / stored:.0f}× faster; target at least 20×)")
        get(port, PLAN_PAGE)
        health = requests_per_second(port, "/healthz")
        page = requests_per_second(port, PLAN_PAGE)
        print(f"gunicorn, DEBUG=False, 2 workers × 8 threads: /healthz {health:.0f} req/s, "
              f"{PLAN_PAGE} {page:.0f} req/s ({100 * page / health:.0f}% of /healthz; "
              f"target at least 40%)")
    finally:
        server.terminate()
        server.wait(timeout=10)
    load_run(env)


if __name__ == "__main__":
    main()
