"""The workspace's budget pages, within their plan."""

urlpatterns = []
