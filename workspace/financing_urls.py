"""The workspace's financing pages."""

from django.urls import path

from workspace import financing_views

fund = "financing/<int:fund_id>/"

urlpatterns = [
    path("financing/", financing_views.index, name="financing"),
    path(fund, financing_views.fund_page, name="financing-fund"),
    path(f"{fund}record/<slug:kind>/", financing_views.record, name="financing-record"),
    path(f"{fund}<slug:kind>/<int:row_id>/correct/", financing_views.correct,
         name="financing-correct"),
    path(f"{fund}<slug:kind>/<int:row_id>/delete/", financing_views.delete,
         name="financing-delete"),
    path(f"{fund}assess/", financing_views.assess, name="financing-assess"),
    path(f"{fund}<int:year>.csv", financing_views.export, {"extension": "csv"},
         name="financing-csv"),
    path(f"{fund}<int:year>.xlsx", financing_views.export, {"extension": "xlsx"},
         name="financing-xlsx"),
    path(f"{fund}publish/", financing_views.publish, name="financing-publish"),
    path(f"{fund}publications/<int:publication_id>/withdraw/",
         financing_views.withdraw, name="financing-withdraw"),
    path(f"{fund}<int:year>-cash-flow.csv", financing_views.cash_flow_export,
         name="financing-cash-flow-csv"),
]
