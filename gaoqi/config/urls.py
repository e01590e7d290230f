"""URL map: pages, the REST API, admin and language switching."""

from django.contrib import admin
from django.urls import include, path

from gaoqi.api.urls import api
from gaoqi.web.forms.accounts import ThrottledAdminLoginForm

admin.site.login_form = ThrottledAdminLoginForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("", include("gaoqi.web.urls")),
]
