"""Factories of the catalogue: a published sheet goes through the real service (figures frozen, secrecy applied)."""

from catalogue import services

EDITORIAL = {
    "public_categories": ["single_parents", "parents"],
    "public_description": "Familles des QPV en parcours d'insertion.",
    "duration_description": "6 mois par famille.",
    "transfer_conditions": "Une crèche partenaire et une conseillère dédiée à mi-temps.",
    "contact_role": "Chargée de mission Cité de l'emploi",
    "contact_email": "cite-emploi@example.org",
}


def publish(action, actor, **overrides):
    """Publish `action`'s sheet as `actor` (the coordinator of its territory); returns the new version."""
    return services.sheet_publish(actor=actor, action=action, **(EDITORIAL | overrides))
