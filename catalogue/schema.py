"""The exchange file of action sheets (schema v1, catalogue/schema/action-sheet-v1.json, docs/action-sheet.md):
loaded once, checked on export and on import, with errors in French that name the sheet and the field."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

SCHEMA_PATH = Path(__file__).parent / "schema" / "action-sheet-v1.json"
FILE_FORMAT = "cite-emploi/fiches-action"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ERRORS = 50


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema())


def _field(path) -> str:
    parts = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(f".{part}" if parts else str(part))
    return "".join(parts)


def _message(error: SchemaError) -> str:
    kind, expected = error.validator, error.validator_value
    if kind == "required":
        missing = [name for name in expected if isinstance(error.instance, dict) and name not in error.instance]
        return f"champ(s) obligatoire(s) manquant(s) : {', '.join(missing)}"
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = sorted(name for name in error.instance if name not in known)
        return f"champ(s) inconnu(s) : {', '.join(extra)} (le schéma v1 ne les prévoit pas)"
    if kind == "enum":
        return f"valeur « {error.instance} » non admise ; valeurs possibles : {', '.join(map(str, expected))}"
    if kind == "const":
        return f"valeur « {error.instance} » non admise ; attendu : « {expected} »"
    if kind == "type":
        names = {"string": "un texte", "integer": "un nombre entier", "object": "un objet", "array": "une liste"}
        names |= {"boolean": "vrai ou faux", "null": "null", "number": "un nombre"}
        wanted = expected if isinstance(expected, list) else [expected]
        return f"doit être {' ou '.join(names.get(t, t) for t in wanted)}"
    if kind == "pattern":
        return f"format invalide (« {str(error.instance)[:60]} »)"
    if kind == "minLength":
        return "ne peut pas être vide" if expected == 1 else f"doit compter au moins {expected} caractères"
    if kind == "maxLength":
        return f"trop long ({len(error.instance)} caractères, {expected} au plus)"
    if kind == "minimum":
        return f"doit être supérieur ou égal à {expected}"
    if kind == "minItems":
        return f"doit contenir au moins {expected} élément(s)"
    if kind == "maxItems":
        return f"doit contenir au plus {expected} éléments"
    if kind == "uniqueItems":
        return "contient un élément en double"
    if kind == "oneOf":
        return f"valeur « {str(error.instance)[:60]} » non admise pour ce champ (voir docs/action-sheet.md)"
    return "valeur non conforme au schéma v1"


def _located(error: SchemaError, document) -> str:
    path = list(error.absolute_path)
    if len(path) >= 2 and path[0] == "sheets" and isinstance(path[1], int):
        index = path[1]
        sheet = document["sheets"][index] if isinstance(document.get("sheets"), list) else {}
        title = sheet.get("title") if isinstance(sheet, dict) and isinstance(sheet.get("title"), str) else ""
        where = f"Fiche {index + 1}" + (f" (« {title[:80]} »)" if title else "")
        field = _field(path[2:])
        return f"{where}, champ {field} : {_message(error)}" if field else f"{where} : {_message(error)}"
    field = _field(path)
    return f"Champ {field} : {_message(error)}" if field else f"Fichier : {_message(error)}"


def errors_in(document) -> list[str]:
    """Every way `document` departs from the schema, in French, ordered by sheet and field (at most MAX_ERRORS)."""
    if not isinstance(document, dict):
        return ["Fichier : le fichier doit contenir un objet JSON (voir docs/action-sheet.md)."]
    errors = sorted(_validator().iter_errors(document), key=lambda e: [str(p).zfill(6) for p in e.absolute_path])
    # one message per place: jsonschema reports each missing field of an object apart, the message names them all
    messages = list(dict.fromkeys(_located(error, document) for error in errors))
    if not messages:
        uids = [sheet["uid"] for sheet in document["sheets"]]
        for index, uid in enumerate(uids):
            if uid in uids[:index]:
                messages.append(f"Fiche {index + 1}, champ uid : la même fiche figure deux fois dans le fichier.")
    return messages[:MAX_ERRORS]


def parse(raw: bytes) -> tuple[dict | None, list[str]]:
    """Read an uploaded file: the document and its errors (JSON syntax errors give the line and the column)."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            f"Fichier : trop volumineux ({len(raw) // 1024} Ko, {MAX_FILE_BYTES // 1024 // 1024} Mo au plus)."
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, ["Fichier : le fichier doit être encodé en UTF-8."]
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [f"Ligne {exc.lineno}, colonne {exc.colno} : JSON invalide ({exc.msg})."]
    errors = errors_in(document)
    return (document if not errors else None), errors


class InvalidSheet(Exception):
    """A sheet this deployment built does not follow its own schema: a bug, never sent out."""


def check(document: dict) -> dict:
    errors = errors_in(document)
    if errors:
        raise InvalidSheet("; ".join(errors))
    return document
