from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from isu import views
from meetings import views as meetings_views


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Staff land in their workspace; the admin's index is for superusers.
    path("admin/", views.admin_index, name="admin-index"),
    path("admin/", admin.site.urls),
    path("workspace/", include("workspace.urls")),
    # Choosing a password: a forgotten one, or the first one from an invitation.
    path("accounts/", include("isu.account_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/", include("isu.api_urls")),
    path("api/", include("meetings.api_urls")),
    path("api/", include("workplans.api_urls")),
    path("api/", include("budgets.api_urls")),
    path("api/", include("sponsorship.api_urls")),
    path("api/", include("financing.api_urls")),
    # Last of the API: what no endpoint matches (a malformed id) is a JSON 404. Only addresses
    # ending in a slash, so that a missing slash is still added by a redirect.
    re_path(r"^api/(?P<path>.*/)?$", views.api_not_found, name="api-not-found"),
    path("budgets/", include("budgets.urls")),
]
urlpatterns += i18n_patterns(
    path("", meetings_views.home, name="home"),
    path("", include("meetings.site_urls")),
    path("", include("sponsorship.site_urls")),
    path("", include("workplans.site_urls")),
    path("", include("reporting.site_urls")),
    path("", include("financing.site_urls")),
)
