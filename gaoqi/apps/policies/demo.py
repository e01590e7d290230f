"""Demo data: the seeded library of real policies (``library.yaml``), published and matched, with application
windows placed relative to the day it is loaded."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from gaoqi.apps.policies.models import Policy, PolicyVersion
from gaoqi.apps.policies.services import FIELDS, policy_push, policy_snapshot

LIBRARY = Path(__file__).with_name("library.yaml")


def library(today: dt.date | None = None) -> list[dict]:
    """The seeded policies as field dicts (the ``key`` names the entry), windows placed around ``today``."""
    today = today or timezone.localdate()
    items = yaml.safe_load(LIBRARY.read_text(encoding="utf-8"))
    for item in items:
        if item.get("support_amount") is not None:
            item["support_amount"] = Decimal(item["support_amount"])
        if window := item.pop("window", None):
            item["opens_on"], item["closes_on"] = (today + dt.timedelta(days=days) for days in window)
    return items


def seed(today: dt.date | None = None) -> int:
    """Create (or refresh) every seeded policy as published version 1 and push it; returns how many were created."""
    created = 0
    for item in library(today):
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
