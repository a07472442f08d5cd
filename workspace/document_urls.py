"""The workspace's pages of official documents (their bodies edited with the outline editor)."""

from django.urls import path

from workspace import document_views as views

document = "documents/<int:document_id>/"
block = f"{document}blocks/<int:block_id>/"
note = f"{document}notes/<int:note_id>/"
BLOCK, NOTE = {"kind": "block"}, {"kind": "note"}

urlpatterns = [
    path(document, views.page, name="document-page"),
    path(f"{document}masthead/", views.masthead, name="document-masthead"),
    path(f"{document}masthead/edit/", views.edit_masthead, name="document-masthead-edit"),
    path(f"{document}blocks/add/", views.add_row, BLOCK, name="document-block-add"),
    path(block, views.row, BLOCK, name="document-block"),
    path(f"{block}edit/", views.edit_row, BLOCK, name="document-block-edit"),
    path(f"{block}move/", views.move_row, BLOCK, name="document-block-move"),
    path(f"{block}delete/", views.delete_row, BLOCK, name="document-block-delete"),
    path(f"{document}notes/add/", views.add_row, NOTE, name="document-note-add"),
    path(note, views.row, NOTE, name="document-note"),
    path(f"{note}edit/", views.edit_row, NOTE, name="document-note-edit"),
    path(f"{note}move/", views.move_row, NOTE, name="document-note-move"),
    path(f"{note}delete/", views.delete_row, NOTE, name="document-note-delete"),
]
