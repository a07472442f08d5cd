from rest_framework.routers import SimpleRouter

from workplans.api import WorkPlanViewSet

router = SimpleRouter()
router.register("workplans", WorkPlanViewSet, basename="workplan")
urlpatterns = router.urls
