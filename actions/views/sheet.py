from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from partners.enums import AuditAction
from partners.services import audit_record

from ..sheet import action_sheet, action_sheet_pdf
from .actions import get_action


@require_GET
def action_sheet_json(request, pk):
    action = get_action(request, pk)
    audit_record(actor=request.user, action=AuditAction.DOWNLOAD, obj=action, detail="fiche action (json)")
    response = JsonResponse(action_sheet(action), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="fiche-action-{action.pk}.json"'
    return response


@require_GET
def action_sheet_pdf_view(request, pk):
    action = get_action(request, pk)
    audit_record(actor=request.user, action=AuditAction.DOWNLOAD, obj=action, detail="fiche action (pdf)")
    response = HttpResponse(action_sheet_pdf(action), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="fiche-action-{action.pk}.pdf"'
    return response
