"""API reads of personal data are recorded and filed in each person's access log (`cohorts.file_log`)."""

from rest_framework.response import Response

from partners.enums import AuditAction
from partners.services import audit_record

from ..file_log import job_seeker_ids


class AuditedReadsMixin:
    """For viewsets of personal data: `GET …/{id}/` and every page of `GET …/` leave an audit entry (who, when,
    which endpoint) filed under the people it returned. Lists are paginated (at most 200 rows): one entry a page."""

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=instance, detail=f"API {self.basename}")
        return Response(self.get_serializer(instance).data)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        rows = page if page is not None else list(queryset)
        people = set()
        for row in rows:
            people |= job_seeker_ids(row)
        audit_record(
            actor=self.request.user,
            action=AuditAction.VIEW,
            detail=f"API {self.basename} : liste de {len(rows)} ligne(s)",
            about=people,
        )
        return page
