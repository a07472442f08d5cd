"""The workspace's pages of official documents (their bodies edited with the outline editor)."""

urlpatterns = []
