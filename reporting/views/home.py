"""The home page: who the caller is, where, the doors her role opens, and the figures of her role.

It lives in reporting, the top layer, because it shows the dashboard (partners must not import reporting).
"""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cohorts import pathway
from partners import perms, setup
from partners.enums import Role
from referrals import selectors as referral_selectors

from ..selectors import TECHNICAL_GROUP_KEY, technical_group_names, upcoming_meetings, upcoming_meetings_key
from .dashboard import dashboard_for, prefetch_panels


@require_GET
def home(request):
    user = request.user
    if user.role in (Role.COORDINATOR, Role.VIEWER) and request.territory is not None:
        # the cached panels of the page (with the dashboard's, read by dashboard_for below) in one round trip
        extra = [TECHNICAL_GROUP_KEY]
        if perms.is_coordinator(user):
            extra += [setup.checklist_key(), pathway.proposed_key()]
        else:
            extra.append(upcoming_meetings_key(user, timezone.localdate(), 3))
        prefetch_panels(request, timezone.localdate(), lazy_figures=True, extra=extra)
    context = {
        "organisation": user.organisation,
        "territory": request.territory,
        "role_label": Role(user.role).label if user.role in Role.values else user.role,
        "can_manage_organisations": perms.can_manage_organisations(user),
        "can_view_personal_data": perms.can_view_personal_data(user),
        # shown on the coordinator's and the viewer's home only
        "technical_group": technical_group_names(user) if user.role in (Role.COORDINATOR, Role.VIEWER) else [],
    }
    if perms.is_national(user):
        return render(request, f"partners/home_{user.role}.html", context)
    if perms.is_coordinator(user) and request.territory is not None:
        items = setup.checklist(request.territory)
        if not all(item.done for item in items):
            context["setup_checklist"] = items
            context["setup_progress"] = setup.Progress(items)
        context["proposed_count"], context["proposed"] = pathway.proposed_for_coordinator(user)
    if not perms.is_admin(user):
        context |= dashboard_for(request, lazy_figures=True)
        context["dashboard_template"] = f"reporting/includes/home_{user.role}.html"
    if perms.is_advisor(user):  # what waits for her organisation's answer, and for the others' (one query)
        context["referrals_pending"] = referral_selectors.pending_counts(user)
    if "upcoming_meetings" not in context:  # the coordinator's dashboard already lists them
        context["upcoming_meetings"] = upcoming_meetings(user, timezone.localdate(), 3)
    return render(request, f"partners/home_{user.role}.html", context)
