"""French names for the third-party models shown in the Django admin (django-otp and django-axes ship none)."""

from django.apps import apps

APP_NAMES = {
    "otp_totp": "Double authentification : applications (TOTP)",
    "otp_static": "Double authentification : codes de secours",
    "axes": "Tentatives de connexion",
}
MODEL_NAMES = {
    ("otp_totp", "totpdevice"): ("appareil TOTP", "appareils TOTP"),
    ("otp_static", "staticdevice"): ("liste de codes de secours", "listes de codes de secours"),
    ("otp_static", "statictoken"): ("code de secours", "codes de secours"),
}
FIELD_NAMES = {
    "user": "utilisateur",
    "name": "nom",
    "confirmed": "confirmé",
    "key": "clé",
    "step": "pas (secondes)",
    "t0": "origine du temps",
    "digits": "nombre de chiffres",
    "tolerance": "tolérance",
    "drift": "dérive",
    "last_t": "dernier pas utilisé",
    "created_at": "créé le",
    "last_used_at": "dernière utilisation",
    "throttling_failure_timestamp": "dernier échec",
    "throttling_failure_count": "nombre d'échecs",
    "token": "code",
    "device": "appareil",
}


def translate_third_party_admin() -> None:
    for label, name in APP_NAMES.items():
        if apps.is_installed(label) or label in apps.app_configs:
            apps.get_app_config(label).verbose_name = name
    for (label, model_name), (singular, plural) in MODEL_NAMES.items():
        if label not in apps.app_configs:
            continue
        model = apps.get_model(label, model_name)
        model._meta.verbose_name, model._meta.verbose_name_plural = singular, plural
        for field in model._meta.get_fields():
            if getattr(field, "name", None) in FIELD_NAMES and hasattr(field, "verbose_name"):
                field.verbose_name = FIELD_NAMES[field.name]
