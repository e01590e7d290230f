"""Registration, colleagues, profile updates, drafts and the audit trail."""

import datetime
from decimal import Decimal

import pytest

from gaoqi.apps.enterprises.models import Certificate, Enterprise, FiscalYear, IPItem
from gaoqi.apps.enterprises.profile import profile_as_dict
from gaoqi.apps.enterprises.services import (
    colleague_invite,
    draft_save,
    enterprise_register,
    profile_update,
)
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.models import AuditEntry
from gaoqi.rules.uscc import make_uscc

VALID_USCC = make_uscc("91", "440106", "MA5ABC12")


def _register(**overrides):
    data = {
        "username": "newco",
        "password": "s3cret-pass-word",
        "email": "a@newco.cn",
        "uscc": VALID_USCC,
        "name": "广州新创科技有限公司",
        "district": "440106",
        "tech_field": "101",
        "registered_on": datetime.date(2020, 1, 2),
    } | overrides
    return enterprise_register(**data)


def test_registration_creates_the_enterprise_with_its_first_user_as_admin(db):
    registered = _register()
    user, enterprise = registered.user, registered.enterprise
    assert registered.claim is None
    assert enterprise.uscc == VALID_USCC
    assert user.membership.enterprise == enterprise
    assert user.membership.is_admin
    assert AuditEntry.objects.filter(action="enterprise.register", enterprise_id=enterprise.pk).exists()


def test_registration_rejects_a_uscc_with_a_wrong_check_character_naming_the_field(db):
    wrong = VALID_USCC[:-1] + ("0" if VALID_USCC[-1] != "0" else "1")
    with pytest.raises(DomainError) as exc:
        _register(uscc=wrong)
    assert exc.value.field == "uscc"
    assert not Enterprise.objects.exists()


def test_registering_a_uscc_already_registered_files_a_claim_instead(db):
    first = _register()
    second = _register(username="second", name="别的名字")
    assert (second.enterprise, second.claim.enterprise, second.claim.state) == (None, first.enterprise, "pending")
    assert not hasattr(second.user, "membership")
    assert Enterprise.objects.count() == 1


def test_the_admin_invites_a_colleague_but_a_colleague_cannot(cast):
    new = colleague_invite(
        actor=cast.owner, enterprise=cast.ours, username="new", email="n@x.cn", password="pw-12345678"
    )
    assert new.membership.enterprise == cast.ours
    with pytest.raises(PermissionDenied):
        colleague_invite(actor=cast.colleague, enterprise=cast.ours, username="n2", email="n2@x.cn", password="pw")


def test_profile_update_records_who_changed_which_figure(cast):
    changes = profile_update(
        actor=cast.colleague,
        enterprise=cast.ours,
        profile={
            "name": "广州华芯半导体有限公司",
            "fiscal_years": [{"year": 2025, "employees": 150, "rd": {"design": Decimal("12.34")}}],
        },
    )
    assert changes["name"] == ["广州华芯科技有限公司", "广州华芯半导体有限公司"]
    assert changes["fiscal_years[2025].employees"] == [120, 150]
    fy = FiscalYear.objects.get(enterprise=cast.ours, year=2025)
    assert fy.rd_design == Decimal("12.34")
    entry = AuditEntry.objects.get(action="profile.update")
    assert entry.actor == cast.colleague
    assert entry.changes["fiscal_years[2025].rd_design"][1] == "12.34"


def test_profile_update_replaces_the_ip_list_whole(cast):
    profile_update(
        actor=cast.owner,
        enterprise=cast.ours,
        profile={
            "ip": [
                {"kind": "software_copyright", "granted_on": datetime.date(2024, 1, 1)},
                {"kind": "utility_model", "granted_on": datetime.date(2023, 1, 1), "used_before": True},
            ]
        },
    )
    assert sorted(IPItem.objects.filter(enterprise=cast.ours).values_list("kind", flat=True)) == [
        "software_copyright",
        "utility_model",
    ]


def test_an_unchanged_profile_leaves_no_audit_entry(cast):
    assert profile_update(actor=cast.owner, enterprise=cast.ours, profile={"name": cast.ours.name}) == {}
    assert not AuditEntry.objects.filter(action="profile.update").exists()


@pytest.mark.parametrize("who", ["outsider", "mentor", "district", "bureau"])
def test_only_the_enterprises_own_users_edit_its_profile(cast, who):
    with pytest.raises(PermissionDenied):
        profile_update(actor=getattr(cast, who), enterprise=cast.ours, profile={"name": "x"})
    with pytest.raises(PermissionDenied):
        draft_save(actor=getattr(cast, who), enterprise=cast.ours, step="basic", data={})


def test_a_profile_change_queues_a_background_reassessment(cast, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        profile_update(actor=cast.owner, enterprise=cast.ours, profile={"standards": True})
    task = DBTaskResult.objects.get()
    assert task.task_path.endswith("reassess_enterprise")
    assert task.args_kwargs["args"] == [cast.ours.pk]


def test_the_hte_certificate_route_holds_only_while_a_certificate_is_in_force(cast):
    Certificate.objects.create(
        enterprise=cast.ours, kind="hte", issued_on=datetime.date(2023, 12, 8), expires_on=datetime.date(2026, 12, 7)
    )
    days = ("2023-12-07", "2023-12-08", "2026-12-07", "2026-12-08")
    held = [profile_as_dict(cast.ours, datetime.date.fromisoformat(d))["tsme_routes"]["hte_certificate"] for d in days]
    assert held == [False, True, True, False]


def test_a_certificate_expiring_before_its_issue_names_the_field(cast):
    certificate = {"kind": "hte", "issued_on": datetime.date(2024, 1, 2), "expires_on": datetime.date(2024, 1, 1)}
    with pytest.raises(DomainError) as error:
        profile_update(actor=cast.owner, enterprise=cast.ours, profile={"certificates": [certificate]})
    assert error.value.field == "certificates[0].expires_on"
