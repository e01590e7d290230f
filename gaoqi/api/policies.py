"""REST endpoints of 政策."""

from ninja import Router

router = Router(tags=["policies"])
