from rest_framework.routers import SimpleRouter

from .views import MeetingPackViewSet

router = SimpleRouter()
router.register("meeting-packs", MeetingPackViewSet, basename="meeting-pack")

urlpatterns = router.urls
