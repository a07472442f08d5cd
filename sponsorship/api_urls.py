from rest_framework.routers import SimpleRouter

from sponsorship.api import ApplicationViewSet, RoundViewSet

router = SimpleRouter()
router.register("sponsorship/rounds", RoundViewSet, basename="sponsorship-round")
router.register("sponsorship/applications", ApplicationViewSet,
                basename="sponsorship-application")
urlpatterns = router.urls
