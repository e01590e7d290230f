"""REST endpoints of 有求必应."""

from ninja import Router

router = Router(tags=["servicedesk"])
