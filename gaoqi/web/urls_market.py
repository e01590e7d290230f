"""Pages of 产品兴企 (namespace ``market``)."""

from django.urls import path

from gaoqi.web.views import market

app_name = "market"

urlpatterns = [
    path("", market.catalogue, name="catalogue"),
    path("catalogue.xlsx", market.catalogue_export, name="export"),
    path("mine/", market.mine, name="mine"),
    path("reviews/", market.reviews, name="reviews"),
    path("lists/import/", market.official_list, name="official_list"),
    path("products/new/", market.product_form, name="product_new"),
    path("products/<int:pk>/", market.product_detail, name="product"),
    path("products/<int:pk>/edit/", market.product_form, name="product_edit"),
    path("products/<int:pk>/move/", market.product_move, name="product_move"),
    path("scenarios/", market.scenario_list, name="scenarios"),
    path("scenarios/mine/", market.owned, name="owned"),
    path("scenarios/new/", market.scenario_new, name="scenario_new"),
    path("scenarios/<int:pk>/", market.scenario_detail, name="scenario"),
    path("scenarios/<int:pk>/propose/", market.propose, name="propose"),
    path("proposals/<int:pk>/move/", market.proposal_move, name="proposal_move"),
]
