"""Query counts of pages, for the tests that pin them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_on_second_visit(client, *urls):
    """How many queries each page runs once warm (the first visit fills per-process caches)."""
    counts = []
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    return counts
