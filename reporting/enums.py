from django.db import models


class PackStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    RUNNING = "running", "En cours de fabrication"
    DONE = "done", "Prêt"
    FAILED = "failed", "Échec"


# pending → running → done | failed; a failed pack may be retried (→ pending). A done pack is never rebuilt.
PACK_TRANSITIONS = {
    PackStatus.PENDING: (PackStatus.RUNNING,),
    PackStatus.RUNNING: (PackStatus.DONE, PackStatus.FAILED),
    PackStatus.DONE: (),
    PackStatus.FAILED: (PackStatus.PENDING,),
}
