"""Demo data: the seeded library of real policies (``library.yaml``), published and matched."""

from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from gaoqi.apps.policies.models import Policy, PolicyVersion
from gaoqi.apps.policies.services import FIELDS, policy_push, policy_snapshot

LIBRARY = Path(__file__).with_name("library.yaml")


def library() -> list[dict]:
    """The seeded policies as field dicts (the ``key`` names the entry)."""
    items = yaml.safe_load(LIBRARY.read_text(encoding="utf-8"))
    for item in items:
        if item.get("support_amount") is not None:
            item["support_amount"] = Decimal(item["support_amount"])
    return items


def seed() -> int:
    """Create (or refresh) every seeded policy as published version 1 and push it; returns how many were created."""
    created = 0
    for item in library():
        data = {name: item[name] for name in FIELDS if name in item}
        with transaction.atomic():
            policy, is_new = Policy.objects.update_or_create(title=item["title"], defaults=data)
            created += is_new
            if policy.version == 0:
                policy.status, policy.version, policy.published_at = Policy.Status.PUBLISHED, 1, timezone.now()
                policy.save()
                PolicyVersion.objects.create(
                    policy=policy, version=1, snapshot=policy_snapshot(policy), changed=["status"]
                )
        policy_push(policy_id=policy.pk, version=policy.version)
    return created
