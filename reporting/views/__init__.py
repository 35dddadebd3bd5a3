from .dashboard import dashboard, dashboard_for, figures_export
from .home import home
from .packs import pack_detail, pack_download, pack_list, pack_request, pack_retry, pack_status

__all__ = [
    "dashboard",
    "dashboard_for",
    "figures_export",
    "home",
    "pack_detail",
    "pack_download",
    "pack_list",
    "pack_request",
    "pack_retry",
    "pack_status",
]
