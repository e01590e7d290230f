"""REST endpoints of 导师与工作站."""

from ninja import Router

router = Router(tags=["mentoring"])
