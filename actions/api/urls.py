from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("actions", views.ActionViewSet, basename="action")
router.register("participations", views.ParticipationViewSet, basename="participation")
router.register("participation-outcomes", views.ParticipationOutcomeViewSet, basename="participation-outcome")
router.register("envelopes", views.EnvelopeViewSet, basename="envelope")
router.register("commitments", views.CommitmentViewSet, basename="commitment")

urlpatterns = router.urls
