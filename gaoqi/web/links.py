"""Where each page that notices, e-mails and documents link to lives: fills ``gaoqi.core.pagelinks``."""

from collections.abc import Callable

from django.urls import reverse

from gaoqi.core.pagelinks import register_link

# link name (what the domain means) -> URL name (where the web layer serves it)
PAGE_URL_NAMES = {
    "accounts.claim_status": "claim_status",
    "accounts.reviews": "reviews",
    "enterprises.colleagues": "colleagues",
    "enterprises.district_change": "district_change",
    "market.product": "market:product",
    "market.scenario": "market:scenario",
    "mentoring.workbench": "mentoring:workbench",
    "notifications.open": "notifications:open",
    "notifications.unsubscribe": "notifications:unsubscribe",
    "policies.match": "policies:mine_detail",
    "servicedesk.request": "servicedesk:detail",
    "training.session": "training:session",
}


def _reverser(url_name: str) -> Callable[..., str]:
    def build(*args: object) -> str:
        return reverse(url_name, args=list(args))

    return build


def register_page_links() -> None:
    for name, url_name in PAGE_URL_NAMES.items():
        register_link(name, _reverser(url_name))
