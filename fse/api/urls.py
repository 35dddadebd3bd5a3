from cite_emploi.api import Router

from . import views

router = Router()
router.register("fse-operations", views.OperationViewSet, basename="fse-operation")

urlpatterns = router.urls
