"""Pages of 梯次培育与精选 (namespace ``rankings``)."""

from django.urls import path

from gaoqi.web.views import rank_profiles, ranking_lists, rankings, what_if

app_name = "rankings"

urlpatterns = [
    path("", rankings.score_board, name="board"),
    path("enterprises/<int:pk>/", rankings.score_detail, name="score"),
    path("indicators/", rankings.version_list, name="versions"),
    path("indicators/new/", rankings.version_new, name="version_new"),
    path("indicators/<int:pk>/", rankings.version_detail, name="version"),
    path("tiers/", rankings.tier_funnel_page, name="tiers"),
    path("tiers/candidates/", rankings.tier_candidate_list, name="candidates"),
    path("lists/", ranking_lists.list_index, name="lists"),
    path("lists/<int:pk>/", ranking_lists.list_detail, name="list"),
    path("lists/<int:pk>/step/", ranking_lists.list_step, name="list_step"),
    path("lists/<int:pk>/comments/", ranking_lists.list_comment, name="list_comment"),
    path("lists/<int:pk>/entries/", ranking_lists.list_add, name="list_add"),
    path("entries/<int:pk>/remove/", ranking_lists.entry_remove, name="entry_remove"),
    path("profile/", rank_profiles.own_profile, name="own_profile"),
    path("profile/<int:pk>/", rank_profiles.enterprise_profile, name="profile"),
    path("benchmarks/", rank_profiles.benchmark_list, name="benchmarks"),
    path("whatif/", what_if.what_if_index, name="what_ifs"),
    path("whatif/<int:pk>/", what_if.what_if_detail, name="what_if"),
]
