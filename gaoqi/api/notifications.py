"""REST endpoints of 通知."""

from ninja import Router

router = Router(tags=["notifications"])
