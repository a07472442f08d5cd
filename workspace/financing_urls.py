"""The workspace's financing pages."""

from django.urls import path

from workspace import financing_views

fund = "financing/<int:fund_id>/"

urlpatterns = [
    path("financing/", financing_views.index, name="financing"),
    path(fund, financing_views.fund_page, name="financing-fund"),
    path(f"{fund}record/<slug:kind>/", financing_views.record, name="financing-record"),
    path(f"{fund}<int:year>.csv", financing_views.export, {"extension": "csv"},
         name="financing-csv"),
    path(f"{fund}<int:year>.xlsx", financing_views.export, {"extension": "xlsx"},
         name="financing-xlsx"),
]
