"""Full-text search of the policy library: the term index kept in step with every save, and ranked queries over it."""

from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, QuerySet, Sum, Value, When
from django.db.models.signals import post_save
from django.dispatch import receiver

from gaoqi.apps.policies.models import Policy, PolicyTerm
from gaoqi.apps.policies.search_terms import FIELD_WEIGHTS, MAX_QUERY, query_terms, weighted_terms

# Bonus when the query as typed is the title, occurs in the title, occurs in the summary.
PHRASE_BONUS = {"title__iexact": 100, "title__icontains": 30, "summary__icontains": 10}


def policy_reindex(policy: Policy) -> None:
    """Replace the search terms of one policy."""
    weights = weighted_terms({name: getattr(policy, name) for name in FIELD_WEIGHTS})
    PolicyTerm.objects.filter(policy=policy).delete()
    PolicyTerm.objects.bulk_create(PolicyTerm(policy=policy, term=term, weight=w) for term, w in weights.items())


@receiver(post_save, sender=Policy, dispatch_uid="policies.search.reindex")
def reindex_on_save(sender, instance: Policy, raw: bool, update_fields=None, **kwargs):
    """Every save path (services, the seeded library, the admin, tests) keeps the index current; saves of other
    fields only (status, version) leave it alone."""
    if not raw and (update_fields is None or FIELD_WEIGHTS.keys() & set(update_fields)):
        policy_reindex(instance)


@dataclass(frozen=True)
class Ranked:
    """Policies in rank order; ``partial`` when none has every query term and those with some are given instead."""

    policies: QuerySet[Policy]
    partial: bool = False


def policy_rank(qs: QuerySet[Policy], q: str) -> Ranked:
    """Policies of ``qs`` having every term of ``q`` (else any), by summed term weight plus ``PHRASE_BONUS``, newest
    first on a tie. A blank ``q`` leaves ``qs`` as it is."""
    q = q.strip()[:MAX_QUERY]
    if not q:
        return Ranked(qs)
    terms = query_terms(q)
    if not terms:
        return Ranked(qs.none())
    bonus = sum(Case(When(**{test: q}, then=Value(points)), default=Value(0)) for test, points in PHRASE_BONUS.items())
    matched = (
        qs.filter(search_terms__term__in=terms)
        .annotate(hits=Count("search_terms"), score=Sum("search_terms__weight", output_field=IntegerField()) + bonus)
        .order_by("-hits", "-score", F("published_at").desc(nulls_last=True), "-id")
    )
    every = matched.filter(hits=len(terms))
    if every.exists():
        return Ranked(every)
    return Ranked(matched, partial=True)
