"""Who is calling: the client's address, as the trusted reverse proxies in front of the site report it."""

from django.conf import settings


def client_address(request) -> str:
    """REMOTE_ADDR; with ``TRUSTED_PROXIES`` = N proxies in front, the address the first of them saw (the N-th from
    the right of X-Forwarded-For), which a client cannot forge."""
    hops = settings.TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")
