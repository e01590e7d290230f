"""SLA compliance and satisfaction figures, scoped to what the viewer may see, and the dashboard page."""

import json

from gaoqi.apps.servicedesk.selectors import sla_dashboard
from gaoqi.apps.servicedesk.services import request_transition
from tests.platform.servicedesk.servicedesk_setup import local, submit

NOW = local(2025, 11, 3, 12, 0)


def _history(desk):
    """Three requests of ours (one on time and rated 5, one late and rated 3, one still new and overdue), one theirs."""
    on_time = submit(desk.owner, at=local(2025, 9, 1, 9, 0))
    request_transition(actor=desk.mentor, pk=on_time.pk, to="accepted", at=local(2025, 9, 2, 9, 0))
    request_transition(actor=desk.mentor, pk=on_time.pk, to="resolved", note="好了", at=local(2025, 9, 5, 9, 0))
    request_transition(actor=desk.owner, pk=on_time.pk, to="rated", rating=5, at=local(2025, 9, 5, 10, 0))
    late = submit(desk.owner, at=local(2025, 10, 9, 9, 0))
    request_transition(actor=desk.mentor, pk=late.pk, to="accepted", at=local(2025, 10, 20, 9, 0))
    request_transition(actor=desk.mentor, pk=late.pk, to="resolved", note="晚了", at=local(2025, 10, 31, 9, 0))
    request_transition(actor=desk.owner, pk=late.pk, to="rated", rating=3, at=local(2025, 10, 31, 10, 0))
    submit(desk.owner, category="finance", at=local(2025, 10, 27, 9, 0))
    submit(desk.outsider, at=local(2025, 10, 28, 9, 0))


def test_the_figures_count_on_time_responses_resolutions_and_ratings(desk):
    _history(desk)
    stats = sla_dashboard(actor=desk.district, now=NOW)
    assert (stats["total"], stats["open"], stats["overdue"]) == (3, 1, 1)
    assert (stats["responded"], stats["response_rate"]) == (2, 50.0)
    assert (stats["resolved"], stats["resolution_rate"]) == (2, 50.0)
    assert (stats["rated"], stats["satisfaction"], stats["ratings"]) == (2, 4.0, [0, 0, 1, 0, 1])
    assert stats["by_month"] == [
        {"month": "2025-09", "total": 1, "on_time": 1, "late": 0},
        {"month": "2025-10", "total": 2, "on_time": 0, "late": 1},
    ]
    assert stats["by_category"][0] == {"category": "ip", "label": "知识产权", "n": 2}


def test_the_figures_follow_the_viewers_scope(desk):
    _history(desk)
    assert sla_dashboard(actor=desk.bureau, now=NOW)["total"] == 4
    assert sla_dashboard(actor=desk.other_district, now=NOW)["total"] == 1
    assert sla_dashboard(actor=desk.station, now=NOW)["total"] == 1
    empty = sla_dashboard(actor=desk.other_mentor, now=NOW)
    assert (empty["total"], empty["response_rate"], empty["satisfaction"]) == (0, None, None)


def test_the_dashboard_page_carries_the_figures_and_chart_data(client, desk):
    _history(desk)
    client.force_login(desk.bureau)
    page = client.get("/servicedesk/dashboard/").content.decode()
    assert 'id="sd-month-chart"' in page
    assert "echarts.min.js" in page
    marker = 'id="sd-ratings" type="application/json">'
    start = page.index(marker) + len(marker)
    assert json.loads(page[start : page.index("</script>", start)]) == [0, 0, 1, 0, 1]
    assert "4.00 / 5" in page
    assert 'id="kpi-cancelled">0 ' in page


def test_the_api_gives_the_same_figures(client, desk):
    _history(desk)
    client.force_login(desk.district)
    assert client.get("/api/v1/servicedesk/stats").json()["ratings"] == [0, 0, 1, 0, 1]
