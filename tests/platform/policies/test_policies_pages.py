"""The policy pages: library search, the editor with live preview and inline errors, 我的政策, detail, dashboard."""

from gaoqi.apps.policies.models import Policy, PolicyApplication, PolicyMatch

FORM = {
    "title": "研发费用加计扣除",
    "issuer": "财政部、国家税务总局",
    "document_number": "2023年第7号",
    "level": "national",
    "category": "tax",
    "summary": "研发费用加计扣除100%。",
    "closing_lead_days": "7",
    "documents": "研发支出辅助账\n立项决议",
    "criteria": "rd_deduction.base > 0 and rd_deduction.rate >= 100%",
}


def test_the_library_searches_chinese_substrings_of_the_full_text(client, cast, make_policy):
    make_policy(status=Policy.Status.PUBLISHED, full_text="近三个会计年度的研究开发费用总额占同期销售收入总额的比例")
    make_policy(status=Policy.Status.PUBLISHED, title="上市补贴", full_text="募集资金")
    client.force_login(cast.owner)
    page = client.get("/policies/", {"q": "研究开发费用"}).content.decode()
    assert "高新技术企业认定" in page
    assert "上市补贴" not in page


def test_bureau_creates_a_policy_in_the_editor(client, cast):
    client.force_login(cast.bureau)
    response = client.post("/policies/new/", FORM)
    policy = Policy.objects.get()
    assert response.status_code == 302
    assert response.url == f"/policies/{policy.pk}/"
    assert policy.documents == ["研发支出辅助账", "立项决议"]
    assert policy.status == Policy.Status.DRAFT


def test_a_criteria_error_is_shown_in_chinese_and_the_typed_text_is_kept(client, cast):
    client.force_login(cast.bureau)
    typed = "rd_deduction.base > 0 and\nrd_deduction.rat >= 100%"
    response = client.post("/policies/new/", FORM | {"criteria": typed})
    page = response.content.decode()
    assert response.status_code == 400
    assert "第2行第1列：未知变量“rd_deduction.rat”，您是否想写“rd_deduction.rate”？" in page
    assert "rd_deduction.rat &gt;= 100%" in page
    assert not Policy.objects.exists()


def test_the_live_preview_counts_who_qualifies_nearly_qualifies_and_lacks_data(client, cast, make_assessment):
    make_assessment(cast.ours)
    client.force_login(cast.bureau)
    page = client.post("/policies/preview/", {"criteria": "hte.eligible and tsme.eligible"}).content.decode()
    assert "1 家企业符合，0 家接近符合，1 家缺少数据" in page


def test_the_live_preview_shows_the_error_in_place(client, cast):
    client.force_login(cast.district)
    page = client.post("/policies/preview/", {"criteria": "hte.eligible and"}).content.decode()
    assert "第1行第17列：此处应为变量名、数值或左括号，实际是表达式结尾" in page


def test_my_policies_explain_every_clause(client, cast, make_assessment, make_policy):
    make_assessment(cast.ours)
    make_policy("hte.eligible and hte.rd_ratio >= 6%", status=Policy.Status.PUBLISHED)
    client.force_login(cast.owner)
    page = client.get("/policies/mine/").content.decode()
    assert "接近符合" in page
    assert "近三年研发费用占销售收入比例 ≥ 6%" in page
    assert "实际5.4%，差 0.6 个百分点" in page


def test_marking_as_applied_shows_on_the_detail_page(client, cast, make_policy, sent):
    policy = make_policy(status=Policy.Status.PUBLISHED)
    client.force_login(cast.owner)
    response = client.post(f"/policies/{policy.pk}/applied/")
    assert response.url == f"/policies/{policy.pk}/mine/"
    assert PolicyApplication.objects.filter(enterprise=cast.ours).exists()
    assert "已标记为已申报" in client.get(response.url).content.decode()


def test_staff_see_matches_and_the_funnel_on_the_detail_page(client, cast, make_policy):
    policy = make_policy(status=Policy.Status.PUBLISHED, staff_note="金额待核实")
    PolicyMatch.objects.create(policy=policy, enterprise=cast.ours, district="440112", status="qualify", version=1)
    PolicyMatch.objects.create(policy=policy, enterprise=cast.theirs, district="440106", status="qualify", version=1)
    PolicyApplication.objects.create(policy=policy, enterprise=cast.ours, district="440112")
    client.force_login(cast.district)
    response = client.get(f"/policies/{policy.pk}/")
    page = response.content.decode()
    assert "金额待核实" in page
    assert "广州华芯科技有限公司" in page
    assert "广州天河云软件有限公司" not in page
    funnel = response.context["funnel"]
    assert [row["name"] for row in funnel] == ["黄埔区", "合计"]
    assert (funnel[0]["qualifying"], funnel[0]["applied"], funnel[0]["applied_rate"]) == (1, None, None)
    assert "&lt;5" in page  # one application: too few to show


def test_publishing_from_the_detail_page(client, cast, make_policy, django_capture_on_commit_callbacks):
    policy = make_policy()
    client.force_login(cast.bureau)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(f"/policies/{policy.pk}/publish/")
    policy.refresh_from_db()
    assert (policy.status, policy.version, len(callbacks)) == (Policy.Status.PUBLISHED, 1, 1)


def test_the_dashboard_shows_the_awareness_and_uptake_rates(client, cast, make_policy):
    policy = make_policy(status=Policy.Status.PUBLISHED)
    PolicyMatch.objects.create(policy=policy, enterprise=cast.ours, district="440112", status="qualify", version=1)
    client.force_login(cast.bureau)
    response = client.get("/policies/dashboard/")
    rows = {row["district"]: row for row in response.context["board"]["rows"]}
    assert rows["440112"]["qualifying"] == 1
    assert (rows["440112"]["read"], rows["440112"]["aware_rate"]) == (0, 0)
    assert "应知尽知" in response.content.decode()


def test_broadcast_form_sends_and_reports_the_count(client, cast, sent):
    client.force_login(cast.bureau)
    response = client.post("/policies/broadcast/", {"title": "申报培训", "body": "周五", "districts": ["440106"]})
    assert response.status_code == 302
    assert [s.user_id for s in sent] == [cast.outsider.pk]


def test_the_funnel_says_why_it_is_empty_when_the_qualifying_have_no_accounts(client, cast, make_policy):
    policy = make_policy(status=Policy.Status.PUBLISHED)
    PolicyMatch.objects.create(policy=policy, enterprise=cast.theirs, district="440106", status="qualify", version=1)
    client.force_login(cast.bureau)
    assert "都还没有平台账号" in client.get(f"/policies/{policy.pk}/").content.decode()
    PolicyMatch.objects.all().delete()
    assert "目前没有企业符合本政策的全部条件" in client.get(f"/policies/{policy.pk}/").content.decode()


def test_enterprise_users_never_see_the_staff_notes(client, cast, make_policy):
    policy = make_policy(status=Policy.Status.PUBLISHED, staff_note="金额仅见于转载")
    client.force_login(cast.owner)
    assert "金额仅见于转载" not in client.get(f"/policies/{policy.pk}/").content.decode()
    assert client.get(f"/api/v1/policies/{policy.pk}").json()["staff_note"] == ""
    client.force_login(cast.bureau)
    assert client.get(f"/api/v1/policies/{policy.pk}").json()["staff_note"] == "金额仅见于转载"
