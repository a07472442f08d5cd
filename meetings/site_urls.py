from django.urls import path, re_path

from lib.languages import LANGUAGE_CODES
from meetings import views

LANGUAGE = "|".join(LANGUAGE_CODES)

urlpatterns = [
    path("search/", views.search_documents, name="search"),
    re_path(rf"^documents/(?P<symbol>.+)/(?P<language>{LANGUAGE})\.pdf$", views.document_pdf,
            name="document-pdf"),
    re_path(rf"^documents/(?P<symbol>.+)/(?P<language>{LANGUAGE})\.docx$", views.document_docx,
            name="document-docx"),
    path("documents/<path:symbol>/", views.document_detail, name="document"),
    path("<slug:code>/meetings/", views.meeting_list, name="meetings"),
    path("<slug:code>/meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    re_path(rf"^(?P<code>[-\w]+)/meetings/(?P<pk>[0-9]+)/(?P<language>{LANGUAGE})\.pdf$",
            views.meeting_pdf, name="meeting-pdf"),
]
