"""API of the national layer: `benchmarks/` and `quarterly-reports/` (API.md, issue 16).

Both read anonymised aggregates only, through the same functions as the pages (`reporting.benchmarks`,
`reporting.services`): the national viewer reads every territory by name; a coordinator reads `benchmarks/` for her
territory against the distribution, with the names of the territories that chose to publish. Nothing else reaches
them, and no person ever does.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from cite_emploi.api import api_error_from

from .. import perms, services
from ..benchmarks import benchmarks
from ..metrics import Period
from ..metrics.national import last_complete_quarter, quarter_period
from ..models import QuarterlyReport
from .filters import QuarterlyReportFilter


class BenchmarksPermission(BasePermission):
    message = "Les comparaisons entre Cités sont pour la coordination et l'observatoire national."

    def has_permission(self, request, view):
        return perms.can_view_benchmarks(request.user)


class NationalViewerPermission(BasePermission):
    message = "Le rapport national est réservé à l'observatoire national (ANCT, DGEFP)."

    def has_permission(self, request, view):
        return perms.can_read_national_figures(request.user)


class BenchmarksQuerySerializer(serializers.Serializer):
    period_start = serializers.DateField(required=False, help_text="Défaut : le dernier trimestre terminé.")
    period_end = serializers.DateField(required=False)

    def validate(self, attrs):
        start, end = attrs.get("period_start"), attrs.get("period_end")
        if bool(start) != bool(end):
            raise serializers.ValidationError({"period_end": ["Indiquez le début et la fin de la période."]})
        if start and end and end < start:
            raise serializers.ValidationError({"period_end": ["La fin de la période ne peut précéder son début."]})
        return attrs


class NamedValueSerializer(serializers.Serializer):
    territory_id = serializers.IntegerField()
    territory = serializers.CharField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    masked = serializers.BooleanField(help_text="Vrai : un effectif dont la valeur est faite est de 1 à 4 (« < 5 »).")


class BenchmarkLineSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.ChoiceField(choices=["percent", "euros"])
    value = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="Votre territoire (coordination) ; null sinon."
    )
    masked = serializers.BooleanField(help_text="Votre valeur est masquée (secret statistique).")
    position = serializers.CharField(help_text="Votre position dans la distribution, en mots.")
    median = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    q1 = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    q3 = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    territories = serializers.IntegerField(
        help_text="Territoires dont la valeur est publiée et entre dans la distribution."
    )
    named = NamedValueSerializer(
        many=True,
        help_text="Observatoire national : chaque territoire ; coordination : les territoires qui publient.",
    )


class BenchmarksSerializer(serializers.Serializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    territory_count = serializers.IntegerField()
    indicators = BenchmarkLineSerializer(many=True)


def _line(line) -> dict:
    own = line.own
    shown = line.distribution.shown
    return {
        "key": line.indicator.key,
        "label": line.indicator.label,
        "unit": line.indicator.unit,
        "value": own.shown if own is not None else None,
        "masked": bool(own is not None and own.masked),
        "position": line.own_position,
        "median": line.distribution.median if shown else None,
        "q1": line.distribution.q1 if shown else None,
        "q3": line.distribution.q3 if shown else None,
        "territories": line.distribution.territories,
        "named": [
            {
                "territory_id": item.territory_id,
                "territory": item.name,
                "value": item.value.shown,
                "masked": item.value.masked,
            }
            for item in line.named
        ],
    }


class BenchmarksView(APIView):
    """Benchmarks across Cités (secrecy applied): the national viewer reads every territory; a coordinator her own
    value, its position and the distribution (median, quartiles), never an unpublished territory's name."""

    permission_classes = [BenchmarksPermission]

    @extend_schema(parameters=[BenchmarksQuerySerializer], responses={200: BenchmarksSerializer})
    def get(self, request):
        query = BenchmarksQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if query.validated_data.get("period_start"):
            period = Period(query.validated_data["period_start"], query.validated_data["period_end"])
        else:
            period = quarter_period(*last_complete_quarter(timezone.localdate()))
        national = perms.can_read_national_figures(request.user)
        result = benchmarks(
            period,
            own_territory_id=None if national else request.user.territory_id,
            named="all" if national else "published",
        )
        data = {
            "period_start": period.start,
            "period_end": period.end,
            "territory_count": result.territories,
            "indicators": [_line(line) for line in result.lines],
        }
        return Response(BenchmarksSerializer(data).data)


class QuarterlyReportSerializer(serializers.ModelSerializer):
    pdf_url = serializers.SerializerMethodField()
    xlsx_url = serializers.SerializerMethodField()

    class Meta:
        model = QuarterlyReport
        fields = [
            "id",
            "year",
            "quarter",
            "status",
            "error",
            "automatic",
            "created_at",
            "finished_at",
            "territory_count",
            "page_count",
            "pdf_size",
            "pdf_sha256",
            "xlsx_size",
            "xlsx_sha256",
            "pdf_url",
            "xlsx_url",
        ]
        read_only_fields = [f for f in fields if f not in ("year", "quarter")]
        validators: list = []  # the service says when the quarter's report exists (400, in French)

    def _url(self, report, fmt) -> str | None:
        if report.status != "done":
            return None
        from django.urls import reverse

        url = reverse("quarterly-report-download", args=[report.pk]) + f"?file={fmt}"
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url

    def get_pdf_url(self, report) -> str | None:
        """The PDF once the report is done, else null."""
        return self._url(report, "pdf")

    def get_xlsx_url(self, report) -> str | None:
        """The XLSX once the report is done, else null."""
        return self._url(report, "xlsx")


class QuarterlyReportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Quarterly national reports (PDF and XLSX, every territory and the total, secrecy applied): the national
    viewer lists them, requests a finished quarter's (202, built by a Celery worker) and downloads them."""

    serializer_class = QuarterlyReportSerializer
    permission_classes = [NationalViewerPermission]
    filterset_class = QuarterlyReportFilter

    def get_queryset(self):
        return QuarterlyReport.objects.for_user(self.request.user).order_by("-year", "-quarter")

    @extend_schema(responses={202: QuarterlyReportSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            report = services.quarterly_report_request(actor=request.user, **serializer.validated_data)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            raise api_error_from(exc) from exc
        return Response(self.get_serializer(report).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        parameters=[OpenApiParameter("file", str, enum=["pdf", "xlsx"], description="Défaut : pdf.")],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="Le PDF du rapport."),
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Le XLSX du rapport."
            ),
        },
    )
    @route(detail=True, methods=["get"], url_path="download", url_name="download")
    def download(self, request, pk=None):
        """The PDF (default) or the XLSX (`?file=xlsx`); each download is written to the audit trail."""
        report = self.get_object()
        fmt = request.query_params.get("file", "pdf")
        if fmt not in ("pdf", "xlsx"):
            raise serializers.ValidationError({"file": ["Choisissez pdf ou xlsx."]})
        if report.status != "done":
            raise Http404("Ce rapport n'est pas encore prêt.")
        services.quarterly_report_record_download(actor=request.user, report=report, fmt=fmt)
        file = report.pdf if fmt == "pdf" else report.xlsx
        content_type = (
            "application/pdf" if fmt == "pdf" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        return FileResponse(
            file.open("rb"), as_attachment=True, filename=report.filename(fmt), content_type=content_type
        )


__all__ = ["BenchmarksView", "QuarterlyReportViewSet"]
