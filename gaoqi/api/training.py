"""REST endpoints of 科创学堂."""

from ninja import Router

router = Router(tags=["training"])
