"""The public catalogue's full-text search: the policy library's Chinese terms (characters, bigrams and short forms),
kept in step with every save of a product, and queries ranked by the summed weight of the terms they hit."""

from collections import Counter

from django.db.models import Count, IntegerField, QuerySet, Sum
from django.db.models.signals import post_save
from django.dispatch import receiver

from gaoqi.apps.market.fields import field_name
from gaoqi.apps.market.models import Product, ProductTerm
from gaoqi.apps.policies.search_terms import MAX_QUERY, query_terms, text_terms

# Weight of a term per part of a product it occurs in.
PRODUCT_WEIGHTS = {"name": 12, "field": 6, "enterprise": 6, "customers": 3, "description": 2}
INDEXED = frozenset({"name", "field", "customers", "description", "enterprise"})


def product_text(product: Product) -> dict[str, str]:
    """The searchable parts of a product."""
    return {
        "name": product.name,
        "field": field_name(product.field),
        "enterprise": product.enterprise.name,
        "customers": product.customers,
        "description": product.description,
    }


def product_terms(product: Product) -> dict[str, int]:
    weights: Counter[str] = Counter()
    for part, text in product_text(product).items():
        for term in text_terms(text or ""):
            weights[term] += PRODUCT_WEIGHTS[part]
    return dict(weights)


def product_reindex(product: Product) -> None:
    ProductTerm.objects.filter(product=product).delete()
    ProductTerm.objects.bulk_create(
        ProductTerm(product=product, term=term, weight=min(w, 32767)) for term, w in product_terms(product).items()
    )


@receiver(post_save, sender=Product, dispatch_uid="market.search.reindex")
def reindex_on_save(sender, instance: Product, raw: bool, update_fields=None, **kwargs):
    if not raw and (update_fields is None or INDEXED & set(update_fields)):
        product_reindex(instance)


def product_rank(qs: QuerySet[Product], q: str) -> QuerySet[Product]:
    """Products of ``qs`` having every term of ``q`` (else any), best first; a blank ``q`` leaves ``qs`` alone."""
    q = q.strip()[:MAX_QUERY]
    if not q:
        return qs
    terms = query_terms(q)
    if not terms:
        return qs.none()
    matched = (
        qs.filter(search_terms__term__in=terms)
        .annotate(hits=Count("search_terms"), score=Sum("search_terms__weight", output_field=IntegerField()))
        .order_by("-hits", "-score", "-pk")
    )
    every = matched.filter(hits=len(terms))
    return every if every.exists() else matched
