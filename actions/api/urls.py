from cite_emploi.api import Router

from . import views

router = Router()
router.register("actions", views.ActionViewSet, basename="action")
router.register("participations", views.ParticipationViewSet, basename="participation")
router.register("participation-outcomes", views.ParticipationOutcomeViewSet, basename="participation-outcome")
router.register("envelopes", views.EnvelopeViewSet, basename="envelope")
router.register("commitments", views.CommitmentViewSet, basename="commitment")

urlpatterns = router.urls
