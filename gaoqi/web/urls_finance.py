"""Pages of 金融惠企 (namespace ``finance``)."""

from django.urls import path

from gaoqi.web.views import finance

app_name = "finance"

urlpatterns = [
    path("", finance.home, name="home"),
    path("products/", finance.products, name="products"),
    path("products/new/", finance.product_new, name="product_new"),
    path("products/<int:pk>/", finance.product_edit, name="product_edit"),
    path("demands/", finance.demands, name="demands"),
    path("demands/new/", finance.demand_new, name="demand_new"),
    path("demands/<int:pk>/", finance.demand_detail, name="demand"),
    path("demands/<int:pk>/send/", finance.demand_send, name="demand_send"),
    path("demands/<int:pk>/revoke/", finance.consent_revoke, name="consent_revoke"),
    path("demands/<int:pk>/withdraw/", finance.demand_withdraw, name="demand_withdraw"),
    path("deals/<int:pk>/", finance.deal_detail, name="deal"),
    path("deals/<int:pk>/move/", finance.deal_move, name="deal_move"),
    path("deals/<int:pk>/pool/", finance.pool_loan_new, name="pool_loan_new"),
    path("league/", finance.league, name="league"),
    path("pool/", finance.pool, name="pool"),
    path("pool/<int:pk>/loss/", finance.pool_loss, name="pool_loss"),
    path("signals/", finance.signals, name="signals"),
]
