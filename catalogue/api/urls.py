from django.urls import path

from cite_emploi.api import Router

from . import views

router = Router()
router.register("catalogue", views.CatalogueViewSet, basename="catalogue")

urlpatterns = [
    *router.urls,
    path("actions/<int:pk>/publish/", views.ActionPublishView.as_view(), name="action-publish"),
]
