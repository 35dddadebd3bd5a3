from cite_emploi.api import Router

from . import pathway, views

router = Router()
router.register("qpvs", views.QPVViewSet, basename="qpv")
router.register("cohorts", views.CohortViewSet, basename="cohort")
router.register("job-seekers", views.JobSeekerViewSet, basename="job-seeker")
router.register("barriers", views.BarrierViewSet, basename="barrier")
router.register("follow-ups", views.FollowUpViewSet, basename="follow-up")
router.register("situations", views.SituationViewSet, basename="situation")
router.register("team-memberships", views.TeamMembershipViewSet, basename="team-membership")
router.register("consents", views.ConsentViewSet, basename="consent")
router.register("scheme-connections", pathway.SchemeConnectionViewSet, basename="scheme-connection")
router.register("candidates", pathway.CandidateViewSet, basename="candidate")

urlpatterns = router.urls
