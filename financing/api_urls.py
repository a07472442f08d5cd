from rest_framework.routers import SimpleRouter

from financing.api import FundViewSet, PublishedStatusViewSet

router = SimpleRouter()
router.register("financing/published-statuses", PublishedStatusViewSet,
                basename="published-status")
router.register("financing/funds", FundViewSet, basename="financing-fund")
urlpatterns = router.urls
