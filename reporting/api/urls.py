from django.urls import path

from cite_emploi.api import Router

from .views import BenchmarksView, MeetingPackViewSet, QuarterlyReportViewSet

router = Router()
router.register("meeting-packs", MeetingPackViewSet, basename="meeting-pack")
router.register("quarterly-reports", QuarterlyReportViewSet, basename="quarterly-report")

urlpatterns = [
    path("benchmarks/", BenchmarksView.as_view(), name="benchmarks"),
    *router.urls,
]
