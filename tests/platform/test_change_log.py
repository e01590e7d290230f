"""One change-log format: labelled fields and values, notes and attendees whole, no line for a save that changed
nothing; shown the same in the portal, the console and a policy's versions."""

import datetime
import re
from pathlib import Path

from gaoqi.apps.assessments.models import Assessment
from gaoqi.apps.enterprises.services import profile_update
from gaoqi.core.audit import ACTIONS, Change, audit_record, change_lines
from gaoqi.core.models import AuditEntry

GAOQI = Path(__file__).resolve().parents[2] / "gaoqi"


def entry(cast, action, changes, target=None):
    return audit_record(
        actor=cast.bureau, action=action, target=target or cast.ours, enterprise_id=cast.ours.pk, changes=changes
    )


def test_a_note_and_an_attendee_are_shown_whole_not_split_into_characters(cast):
    lines = change_lines(entry(cast, "training.register", {"attendee": "张三", "note": "办结"}))
    assert lines == [Change("参加人", "张三"), Change("说明", "办结")]


def test_codes_read_as_their_labels(cast, make_assessment):
    assessment = make_assessment(cast.ours)
    verdict = change_lines(entry(cast, "assessment.run", {"verdict": ["unknown", "ineligible"]}, target=assessment))
    choices = dict(Assessment._meta.get_field("verdict").flatchoices)
    assert verdict == [Change("结论", str(choices["ineligible"]), str(choices["unknown"]))]
    district = change_lines(entry(cast, "profile.update", {"district": ["440112", "440106"]}))
    assert district == [Change("所在区", "天河区", "黄埔区")]
    year = change_lines(entry(cast, "profile.update", {"fiscal_years[2024].sales_revenue": ["1.00", "2.00"]}))
    assert year[0].label.startswith("2024年")
    assert "销售收入" in year[0].label


def test_a_change_to_the_same_value_is_no_line(cast):
    assert change_lines(entry(cast, "profile.update", {"ip": [7, 7]})) == []


def test_saving_the_same_ip_list_records_nothing(cast):
    rows = [
        {
            "kind": "invention_patent",
            "title": "",
            "number": "",
            "granted_on": datetime.date(2022, 5, 1),
            "acquired_by": "own",
            "core": True,
            "used_before": False,
        }
    ]
    profile_update(actor=cast.owner, enterprise=cast.ours, profile={"ip": rows})
    before = AuditEntry.objects.count()
    assert profile_update(actor=cast.owner, enterprise=cast.ours, profile={"ip": rows}) == {}
    assert AuditEntry.objects.count() == before


def test_every_action_the_services_record_has_a_label():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (GAOQI / "apps").rglob("*.py"))
    used = set(re.findall(r'audit_record\([^)]*?\baction="([a-z_.]+)"', source, re.S))
    assert len(used) > 30
    used |= {f"servicedesk.{kind}" for kind in ("routed", "transition", "escalated", "rerouted")}
    states = ("sent", "accepted", "documents", "approved", "declined", "withdrawn")
    used |= {f"finance.deal_{state}" for state in states}
    used |= {f"rankings.list_{step}" for step in ("submit", "return", "approve", "publish")}
    assert used - ACTIONS.keys() == set()


def test_the_portal_shows_labelled_actions_and_changes(client, cast):
    entry(cast, "servicedesk.escalated", {"state": ["new", "new"], "note": "首次响应已超时"})
    entry(cast, "profile.update", {"name": ["旧名", "新名"]})
    client.force_login(cast.owner)
    html = client.get("/portal/").content.decode()
    assert "服务需求超时升级" in html
    assert "servicedesk.escalated" not in html
    assert "说明：首次响应已超时" in html
    assert "企业名称：旧名 → 新名" in html


def test_the_console_shows_the_same_lines(client, cast):
    entry(cast, "training.register", {"attendee": "张三"})
    client.force_login(cast.bureau)
    html = client.get(f"/console/enterprises/{cast.ours.pk}/").content.decode()
    assert "参加人：张三" in html
    assert "张 → 三" not in html
