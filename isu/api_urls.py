from rest_framework.routers import SimpleRouter

from isu.api import ConventionViewSet

router = SimpleRouter()
router.register("conventions", ConventionViewSet, basename="convention")
urlpatterns = router.urls
