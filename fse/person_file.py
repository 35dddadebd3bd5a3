"""What fse adds to a person's complete file (right of access, RGPD art. 15): her FSE+ records, every field."""

from .models import Participant


def _date(value):
    return value.isoformat() if value else None


def personal_file_fse(js) -> list:
    return [
        {
            "operation": str(record.operation),
            "action": record.participation.action.title,
            "entered_on": _date(record.entered_on),
            "left_on": _date(record.left_on),
            "sex": record.get_sex_display(),
            "age_at_entry": record.age_at_entry,
            "labour_market_status": record.get_labour_market_status_display(),
            "education_level": record.get_education_level_display(),
            **{
                name: getattr(record, f"get_{name}_display")()
                for name in (
                    "disability",
                    "third_country_national",
                    "foreign_background",
                    "minority",
                    "homeless",
                    "rural_area",
                )
            },
            **{
                name: getattr(record, name)
                for name in (
                    "leaving_job_searching",
                    "leaving_in_education",
                    "leaving_qualification",
                    "leaving_employed",
                    "six_months_employed",
                    "six_months_improved",
                )
            },
            "six_months_checked_on": _date(record.six_months_checked_on),
            "identity_kept_as_evidence": bool(record.last_name),
        }
        for record in Participant.objects.filter(participation__job_seeker=js)
        .select_related("operation", "participation__action")
        .order_by("entered_on", "id")
    ]
