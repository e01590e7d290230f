"""The REST API instance mounted at /api/v1/."""

from ninja import NinjaAPI

from gaoqi.api import errors
from gaoqi.api.auth import AUTH
from gaoqi.api.views import router

api = NinjaAPI(title="高企服务云 API", version="1", auth=AUTH, urls_namespace="api")
errors.install(api)
api.add_router("", router)
