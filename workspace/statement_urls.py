"""The workspace's pages of invoices and statements of contributions."""

from django.urls import path

from workspace import statement_views

urlpatterns = [
    path("financing/<int:fund_id>/statements/", statement_views.fund_statements,
         name="statements"),
    path("financing/<int:fund_id>/statements/generate/", statement_views.generate,
         name="statements-generate"),
    path("financing/statements/<int:run_id>/", statement_views.run_page, name="statement-run"),
    path("financing/statements/<int:run_id>/send/", statement_views.send_all,
         name="statements-send"),
    path("financing/statements/<int:run_id>/statements.zip", statement_views.statements_zip,
         name="statements-zip"),
    path("financing/statement/<int:statement_id>/<str:language>.pdf",
         statement_views.statement_pdf, name="statement-pdf"),
    path("financing/statement/<int:statement_id>/resend/", statement_views.resend_one,
         name="statement-resend"),
]
