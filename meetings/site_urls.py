from django.urls import path, re_path

from lib.languages import LANGUAGE_CODES
from meetings import views

LANGUAGE = "|".join(LANGUAGE_CODES)

urlpatterns = [
    path("search/", views.search_documents, name="search"),
    re_path(rf"^documents/(?P<symbol>.+)/(?P<language>{LANGUAGE})\.pdf$", views.document_pdf,
            name="document-pdf"),
    path("documents/<path:symbol>/", views.document_detail, name="document"),
    path("<slug:code>/meetings/", views.meeting_list, name="meetings"),
    path("<slug:code>/meetings/<int:pk>/", views.meeting_detail, name="meeting"),
]
