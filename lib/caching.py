"""Public pages of published content, cached whole for anonymous visitors.

Published content does not change, so a page can be served from the cache; the figures that do
move (progress "so far") are at most PUBLIC_PAGE_SECONDS old. Publishing bumps a generation
number so that new publications show at once in this process.
"""

import hashlib
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

GENERATION_KEY = "public-pages-generation"


def new_publication():
    """Forget the cached public pages (called by the services that publish): now, and again
    when the transaction commits, since a page read in between still showed the old content."""
    _next_generation()
    transaction.on_commit(_next_generation)


def _next_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def cached_public_page(view=None, *, query=()):
    """Cache a public view's page for visitors, keyed by its path and by the query parameters
    it reads (`query`): other parameters change nothing on the page and make no new entry."""
    if view is None:
        return partial(cached_public_page, query=query)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        address = request.path + "?" + "&".join(
            f"{name}={request.GET.get(name, '')}" for name in query)
        digest = hashlib.sha256(address.encode()).hexdigest()
        key = f"public-page:{cache.get(GENERATION_KEY, 0)}:{digest}"
        content = cache.get(key)
        if content is not None:
            return HttpResponse(content)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            cache.set(key, response.content, settings.PUBLIC_PAGE_SECONDS)
        return response

    return wrapper
