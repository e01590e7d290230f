"""Pages of 梯次培育与精选 (namespace ``rankings``)."""

from django.urls import path

from gaoqi.web.views import rankings

app_name = "rankings"

urlpatterns = [
    path("", rankings.score_board, name="board"),
    path("enterprises/<int:pk>/", rankings.score_detail, name="score"),
    path("indicators/", rankings.version_list, name="versions"),
    path("indicators/new/", rankings.version_new, name="version_new"),
    path("indicators/<int:pk>/", rankings.version_detail, name="version"),
    path("tiers/", rankings.tier_funnel_page, name="tiers"),
    path("tiers/candidates/", rankings.tier_candidate_list, name="candidates"),
]
