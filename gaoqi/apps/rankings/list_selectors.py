"""Reads of the yearly lists, for bureau and district staff: every list, with the entries of the districts the asker
oversees, its comments, and how it differs from last year's published list of the same kind."""

from dataclasses import dataclass

from gaoqi.apps.rankings.models import ListEntry, RankingList
from gaoqi.apps.rankings.selectors import staff_only
from gaoqi.core.errors import NotFound


def ranking_list_list(*, actor):
    staff_only(actor)
    return RankingList.objects.select_related("version")


def ranking_list_get(*, actor, pk) -> RankingList:
    try:
        return ranking_list_list(actor=actor).get(pk=pk)
    except (RankingList.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def list_entries(*, actor, ranking_list: RankingList):
    """The entries (on the list and removed) of the districts ``actor`` oversees."""
    overseen = staff_only(actor)
    return ranking_list.entries.filter(district__in=overseen).select_related("enterprise")


def list_entry_get(*, actor, pk) -> ListEntry:
    overseen = staff_only(actor)
    try:
        return ListEntry.objects.select_related("ranking_list", "enterprise").get(pk=pk, district__in=overseen)
    except (ListEntry.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


@dataclass(frozen=True)
class Diff:
    previous: RankingList | None
    added: list[ListEntry]  # on this list, not on last year's
    dropped: list[ListEntry]  # on last year's (its entries), not on this one
    kept: int


def list_diff(*, actor, ranking_list: RankingList) -> Diff:
    """Against last year's published list of the same kind, over the districts ``actor`` oversees."""
    previous = RankingList.objects.filter(
        kind=ranking_list.kind, year=ranking_list.year - 1, status=RankingList.Status.PUBLISHED
    ).first()
    now = list(list_entries(actor=actor, ranking_list=ranking_list).filter(included=True))
    before = list(list_entries(actor=actor, ranking_list=previous).filter(included=True)) if previous else []
    now_ids, before_ids = {e.enterprise_id for e in now}, {e.enterprise_id for e in before}
    return Diff(
        previous,
        [e for e in now if e.enterprise_id not in before_ids],
        [e for e in before if e.enterprise_id not in now_ids],
        len(now_ids & before_ids),
    )
