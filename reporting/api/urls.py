from cite_emploi.api import Router

from .views import MeetingPackViewSet

router = Router()
router.register("meeting-packs", MeetingPackViewSet, basename="meeting-pack")

urlpatterns = router.urls
