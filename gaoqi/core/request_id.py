"""The id of the request being served, so every log line it causes can be found (``gaoqi.web.middleware``)."""

import logging
from contextvars import ContextVar

HEADER = "X-Request-ID"
current: ContextVar[str] = ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current.get()
        return True
