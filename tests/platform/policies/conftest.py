"""Fixtures for the policies tests: a recorder in place of notify() and a policy factory."""

from decimal import Decimal

import pytest

from gaoqi.apps.policies import services
from gaoqi.apps.policies.models import Policy


@pytest.fixture
def sent(monkeypatch):
    """Every NoticeSpec passed to notify(), deduplicated on (user, dedupe_key) like the real outbox."""
    specs, seen = [], set()

    def record(batch):
        fresh = [s for s in batch if (s.user_id, s.dedupe_key) not in seen]
        seen.update((s.user_id, s.dedupe_key) for s in fresh)
        specs.extend(fresh)
        return len(fresh)

    monkeypatch.setattr(services, "notify", record)
    return specs


@pytest.fixture
def make_policy(db):
    def make(criteria="hte.eligible", *, status=Policy.Status.DRAFT, districts=(), **fields):
        values = {
            "title": "高新技术企业认定",
            "issuer": "科技部",
            "level": "national",
            "category": "recognition",
            "summary": "符合条件的企业可申请认定。",
            # a 3,000,000 yuan award: closing the canned assessment's gap plan (450,000) counts as near
            "support_amount": Decimal("3000000.00"),
            "criteria": criteria,
            "districts": list(districts),
            "status": status,
            "version": 1 if status == Policy.Status.PUBLISHED else 0,
        }
        return Policy.objects.create(**(values | fields))

    return make
