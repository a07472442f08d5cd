"""The bank page of a convention's financing: imports of bank statement files and the entries
to resolve."""

from django.urls import path

from workspace import bank_views

bank = "financing/bank/<str:code>/"

urlpatterns = [
    path(bank, bank_views.bank_page, name="bank"),
    path(f"{bank}import/", bank_views.upload, name="bank-import"),
    path(f"{bank}entries/<int:line_id>/resolve/", bank_views.resolve, name="bank-resolve"),
    path(f"{bank}entries/<int:line_id>/ignore/", bank_views.ignore, name="bank-ignore"),
    path(f"{bank}entries/<int:line_id>/undo/", bank_views.undo, name="bank-undo"),
]
