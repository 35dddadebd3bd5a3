"""What the catalogue adds to an action's page (actions.panels registry): its publication, or where it comes from."""

from django.db.models import Count
from django.template.loader import render_to_string

from . import perms
from .models import PublishedSheet, SheetCopy


def action_catalogue_panel(request, action) -> str:
    user = request.user
    sheet = PublishedSheet.objects.for_user(user).filter(action=action).annotate(copy_count=Count("copies")).first()
    copy = SheetCopy.objects.for_user(user).filter(action=action).first()
    can_publish = perms.can_publish(user, action)
    if sheet is None and copy is None and not can_publish:
        return ""
    source_visible = copy is not None and PublishedSheet.objects.for_user(user).filter(pk=copy.sheet_id).exists()
    return render_to_string(
        "catalogue/includes/action_panel.html",
        {
            "action": action,
            "sheet": sheet,
            "copy": copy,
            "source_visible": source_visible,
            "can_publish": can_publish,
            "can_manage": sheet is not None and perms.can_manage_sheet(user, sheet),
        },
        request=request,
    )
