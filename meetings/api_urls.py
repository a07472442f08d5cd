from rest_framework.routers import SimpleRouter

from meetings.api import DocumentViewSet, MeetingViewSet

router = SimpleRouter()
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("documents", DocumentViewSet, basename="document")
urlpatterns = router.urls
