from cite_emploi.api import Router

from . import views

router = Router()
router.register("referrals", views.ReferralViewSet, basename="referral")

urlpatterns = router.urls
