"""What fse adds to an action's page (actions.page_links): its FSE+ operation(s), or the way to create one."""

from django.urls import reverse

from actions.page_links import ActionPageLink

from . import perms
from .models import Operation


def action_page_links(user, action) -> list[ActionPageLink]:
    if not perms.can_view_operations(user):
        return []
    operations = list(Operation.objects.for_user(user).filter(actions=action).order_by("-period_start", "number"))
    links = [
        ActionPageLink(
            label=f"{operation} — {operation.title}",
            url=reverse("fse:operation_detail", args=[action.pk, operation.pk]),
            detail=f"Cofinancement {operation.get_status_display().lower()} ; participants, indicateurs du règlement, "
            "bilan d'exécution.",
        )
        for operation in operations
    ]
    if not operations and action.fse_plus_cofunded and perms.can_manage_operations(user):
        links.append(
            ActionPageLink(
                label="Créer l'opération FSE+",
                url=reverse("fse:operation_create", args=[action.pk]),
                detail="Numéro, période, plan de financement, participants et indicateurs de l'annexe I.",
            )
        )
    return links
