from .dashboard import dashboard, dashboard_for, figures_export
from .home import home
from .national import (
    benchmarks_page,
    benchmarks_publication,
    quarterly_detail,
    quarterly_download,
    quarterly_list,
    quarterly_request,
)
from .packs import pack_detail, pack_download, pack_list, pack_request, pack_retry, pack_status

__all__ = [
    "benchmarks_page",
    "benchmarks_publication",
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
    "quarterly_detail",
    "quarterly_download",
    "quarterly_list",
    "quarterly_request",
]
