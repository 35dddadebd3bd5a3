from celery import shared_task

from . import retention


@shared_task(name="cohorts.apply_retention")
def apply_retention() -> dict:
    """Daily: anonymise the files whose retention delay is over, tell the coordinators about the next ones."""
    run = retention.retention_run()
    return {
        "anonymised": len(run.anonymised),
        "candidates_anonymised": len(run.candidates_anonymised),
        "notified": run.notified,
        "imports_deleted": run.imports_deleted,
    }
