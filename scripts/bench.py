"""Benchmarks of the publishing targets; prints its figures (run with `make bench`).

1. The Chinese PDF of seed 000 (CCM/MSP/2017/4) against its English PDF, in the same run.
2. A stored PDF download against its first render, through gunicorn.
3. Requests per second of the public work-plan page against /healthz, under gunicorn with
   DEBUG=False, in the same run.

It works in a throw-away SQLite database and a free port; nothing of the project is touched.
"""

import http.client
import os
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


def main():
    workdir = Path(tempfile.mkdtemp(prefix="isu-bench-"))
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
           "DEBUG": "false", "SECRET_KEY": "bench-only-" + "x" * 40,
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "false",
           "DJANGO_SETTINGS_MODULE": "isu.settings"}
    print("Preparing a demo database…", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0")

    english, chinese = timed_renders(env)
    print(f"PDF of {SYMBOL}: English {english:.2f} s, Chinese {chinese:.2f} s "
          f"(Chinese/English {chinese / english:.2f}×; target at most 1.5×)")

    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "isu.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "4", "--log-level", "warning"],
        cwd=ROOT, env=env)
    try:
        wait_for(port)
        manage(env, "shell", "-c", "from meetings.models import Rendition; "
                                   "Rendition.objects.all().delete()")
        first, body = get(port, PDF_URL)
        stored = statistics.median(get(port, PDF_URL)[0] for _ in range(20))
        print(f"PDF download ({len(body):,} bytes): first render {first * 1000:.0f} ms, stored "
              f"{stored * 1000:.1f} ms ({first / stored:.0f}× faster; target at least 20×)")
        get(port, PLAN_PAGE)
        health = requests_per_second(port, "/healthz")
        page = requests_per_second(port, PLAN_PAGE)
        print(f"gunicorn, DEBUG=False, 2 workers × 4 threads: /healthz {health:.0f} req/s, "
              f"{PLAN_PAGE} {page:.0f} req/s ({100 * page / health:.0f}% of /healthz; "
              f"target at least 40%)")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
