from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import perms, setup
from ..enums import Role
from ..selectors import meetings_for, organisations_for


@require_GET
def home(request):
    """The page each role lands on after login: who she is, where, and the doors her role opens."""
    from reporting.views import dashboard_for  # the figures and what is due, computed once by reporting

    user = request.user
    context = {
        "organisation": user.organisation,
        "territory": request.territory,
        "role_label": Role(user.role).label if user.role in Role.values else user.role,
        "can_manage_organisations": perms.can_manage_organisations(user),
        "can_view_personal_data": perms.can_view_personal_data(user),
        "technical_group": organisations_for(user).filter(technical_group_member=True, is_active=True),
    }
    if user.role == Role.COORDINATOR and request.territory is not None:
        items = setup.checklist(request.territory)
        if not all(item.done for item in items):
            context["setup_checklist"] = items
    if user.role != Role.ADMIN:
        context |= dashboard_for(request)
        context["dashboard_template"] = f"reporting/includes/home_{user.role}.html"
    if "upcoming_meetings" not in context:  # the coordinator's dashboard already lists them
        context["upcoming_meetings"] = meetings_for(user).upcoming(timezone.localdate())[:3]
    return render(request, f"partners/home_{user.role}.html", context)


@login_not_required
@require_GET
def accessibility(request):
    return render(request, "pages/accessibility.html")


@login_not_required
@require_GET
def personal_data(request):
    return render(request, "pages/personal_data.html")
