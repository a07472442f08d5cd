"""Checks made on every request before any view or form reads it."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from isu.auth import session_counts
from lib.params import whole_number


def _error(request, status, message):
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class _LimitedBody:
    """A request body without a stated length (chunked), refused once it passes the limit."""

    def __init__(self, stream, limit):
        self.stream, self.limit, self.seen, self.exceeded = stream, limit, 0, False

    def _count(self, data):
        self.seen += len(data)
        if self.seen > self.limit:
            self.exceeded = True
            raise RequestDataTooBig("Request body exceeded REQUEST_MAX_BYTES.")
        return data

    def read(self, size=-1):
        return self._count(self.stream.read(size))

    def readline(self, size=-1):
        return self._count(self.stream.readline(size))

    def __iter__(self):
        return iter(self.readline, b"")

    def seekable(self):  # so that Django reads it, counted, rather than measuring it
        return False

    def __getattr__(self, name):  # close() and the like
        return getattr(self.stream, name)


class RequestLimitsMiddleware:
    """First of all: a body over REQUEST_MAX_BYTES, of any content type, is a 413 before it is
    read; a NUL character in the path or the query, which databases refuse, is a 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.REQUEST_MAX_BYTES
        language = translation.get_language_from_request(request, check_path=True)
        with translation.override(language):
            declared = request.META.get("CONTENT_LENGTH") or ""
            if (declared.isascii() and declared.isdigit()
                    and whole_number(declared, maximum=limit) is None):
                return _error(request, 413, _("The request is too large."))
            if "\x00" in request.path_info or any(
                    "\x00" in key or any("\x00" in value for value in values)
                    for key, values in request.GET.lists()):
                return _error(request, 400, _("The address contains a NUL character."))
        body = None
        if not request.META.get("CONTENT_LENGTH") and hasattr(request, "_stream"):
            body = request._stream = _LimitedBody(request._stream, limit)
        response = self.get_response(request)
        if body is not None and body.exceeded:
            with translation.override(language):
                return _error(request, 413, _("The request is too large."))
        return response


class TwoFactorMiddleware:
    """After django-otp's middleware: a signed-in user who must give an authenticator code and
    whose session was not verified with one is anonymous until they sign in again with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        request.user = SimpleLazyObject(lambda: _user_or_anonymous(user))
        return self.get_response(request)


def _user_or_anonymous(user):
    if not user.is_authenticated or session_counts(user):
        return user
    anonymous = AnonymousUser()
    anonymous.otp_device = None
    anonymous.is_verified = lambda: False
    return anonymous


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, except that a 404 of the API stays a 404: Django would redirect /api/meetings/0/
    to /en/api/meetings/0/, which a public page's pattern happens to match."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith("/api/"):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
