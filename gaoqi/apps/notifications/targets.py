"""Where webhooks may go: public addresses only, checked when a subscription is saved and again on every send
against the addresses actually connected to (resolved once and pinned, so DNS rebinding cannot slip through)."""

import http.client
import ipaddress
import socket
from urllib.parse import SplitResult, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

CGNAT = ipaddress.ip_network("100.64.0.0/10")
PORTS = {"http": 80, "https": 443}


class UnsafeTarget(OSError):
    """The host does not resolve, or resolves to an address webhooks may not reach."""


def refusal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """What kind of non-public address ``ip`` is (IPv4 inside IPv6 judged as IPv4), or None when it is public."""
    if ip.version == 6:
        ip = ip.ipv4_mapped or ip.sixtofour or ip
    kinds = (
        (ip.is_unspecified, _("未指定地址")),
        (ip.is_loopback, _("本机回环地址")),
        (ip.is_link_local, _("链路本地地址（含云服务器元数据地址）")),
        (ip.is_multicast, _("组播地址")),
        (ip in CGNAT, _("运营商级 NAT 共享地址")),
        (ip.is_reserved, _("保留地址")),
        (ip.is_private, _("内网地址")),
        (not ip.is_global, _("保留地址")),
    )
    return next((kind for refused, kind in kinds if refused), None)


def public_addresses(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to, each of them checked unless private targets are allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise UnsafeTarget(_("无法解析主机名“%(host)s”") % {"host": host}) from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not settings.NOTIFICATIONS["webhook_allow_private"]:
        for address in addresses:
            if kind := refusal(ipaddress.ip_address(address.split("%")[0])):
                raise UnsafeTarget(
                    _("“%(host)s”指向%(kind)s %(address)s") % {"host": host, "kind": kind, "address": address}
                )
    return addresses


def port_of(parts: SplitResult) -> int:
    """The port of a split http(s) URL, explicit or by scheme (a port out of range raises ValueError)."""
    return parts.port or PORTS[parts.scheme]


class _Pinned:
    """Connects only to the checked addresses; the Host header, TLS SNI and certificate check keep the URL's name."""

    def __init__(self, host: str, port: int, *, addresses: list[str], timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._create_connection = lambda _target, *args: _connect(addresses, port, *args)


def _connect(addresses: list[str], port: int, *args) -> socket.socket:
    for address in addresses:
        try:
            return socket.create_connection((address, port), *args)
        except OSError as exc:
            error = exc
    raise error


class _PinnedHTTP(_Pinned, http.client.HTTPConnection):
    pass


class _PinnedHTTPS(_Pinned, http.client.HTTPSConnection):
    pass


def post(url: str, body: bytes, headers: dict, timeout: float) -> None:
    """POST ``body`` to a webhook URL; redirects are not followed: any answer other than 2xx raises."""
    parts = urlsplit(url)
    if parts.scheme not in PORTS or not parts.hostname:
        raise UnsafeTarget(_("回调地址须为 http:// 或 https:// 开头的完整网址。"))
    port = port_of(parts)
    addresses = public_addresses(parts.hostname, port)
    pinned = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    connection = pinned(parts.hostname, port, addresses=addresses, timeout=timeout)
    try:
        connection.request("POST", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""), body, headers)
        response = connection.getresponse()
        if not 200 <= response.status < 300:
            redirect = " (redirects are not followed)" if 300 <= response.status < 400 else ""
            raise OSError(f"HTTP Error {response.status}: {response.reason}{redirect}")
    finally:
        connection.close()
