"""Page URLs."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from gaoqi.web.forms.accounts import ThrottledLoginForm
from gaoqi.web.views import accounts, console, display, portal, reports, reviews

urlpatterns = [
    path("", accounts.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=ThrottledLoginForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("register/", accounts.register, name="register"),
    path("register/claim/", accounts.claim_status, name="claim_status"),
    path("display/", display.display_toggle, name="display"),
    path("portal/", portal.portal, name="portal"),
    path("portal/colleagues/", accounts.colleagues, name="colleagues"),
    path("portal/district/", reviews.district_change, name="district_change"),
    path("portal/profile/<slug:step>/", portal.profile_step, name="profile_step"),
    path("portal/assess/", portal.assess, name="assess"),
    path("reports/<int:pk>/", reports.report, name="report"),
    path("console/", console.enterprise_list, name="console"),
    path("console/export.xlsx", console.enterprise_export, name="console_export"),
    path("console/enterprises/<int:pk>/", console.enterprise_detail, name="console_enterprise"),
    path("console/enterprises/<int:pk>/assess/", console.enterprise_assess, name="console_assess"),
    path("console/staff/new/", accounts.staff_new, name="staff_new"),
    path("console/reviews/", reviews.review_list, name="reviews"),
    path("reviews/claims/<int:pk>/", reviews.claim_decide, name="claim_decide"),
    path("reviews/district-changes/<int:pk>/", reviews.district_change_decide, name="district_change_decide"),
    path("console/batches/", console.batch_create, name="batch_create"),
    path("console/batches/<int:pk>/", console.batch_progress, name="batch_progress"),
    path("files/", include("gaoqi.web.urls_files")),
    path("notifications/", include("gaoqi.web.urls_notifications")),
    path("policies/", include("gaoqi.web.urls_policies")),
    path("training/", include("gaoqi.web.urls_training")),
    path("mentoring/", include("gaoqi.web.urls_mentoring")),
    path("servicedesk/", include("gaoqi.web.urls_servicedesk")),
    path("market/", include("gaoqi.web.urls_market")),
    path("finance/", include("gaoqi.web.urls_finance")),
    path("rankings/", include("gaoqi.web.urls_rankings")),
]
