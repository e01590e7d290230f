"""The REST API instance mounted at /api/v1/."""

from ninja import NinjaAPI

from gaoqi.api import errors, finance, market, mentoring, notifications, policies, rankings, servicedesk, training
from gaoqi.api.auth import AUTH
from gaoqi.api.parser import ApiParser
from gaoqi.api.views import router

api = NinjaAPI(title="高企服务云 API", version="1", auth=AUTH, urls_namespace="api", parser=ApiParser())
errors.install(api)
api.add_router("", router)
api.add_router("/notifications", notifications.router)
api.add_router("/policies", policies.router)
api.add_router("/training", training.router)
api.add_router("/mentoring", mentoring.router)
api.add_router("/servicedesk", servicedesk.router)
api.add_router("/market", market.router)
api.add_router("/finance", finance.router)
api.add_router("/rankings", rankings.router)
