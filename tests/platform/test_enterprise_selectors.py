"""The tenancy rule: who sees which enterprises."""

import pytest

from gaoqi.apps.enterprises.selectors import enterprise_get, enterprise_list
from gaoqi.core.errors import NotFound


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("owner", {"ours"}),
        ("colleague", {"ours"}),
        ("outsider", {"theirs"}),
        ("mentor", {"ours"}),
        ("other_mentor", set()),
        ("district", {"ours"}),
        ("other_district", {"theirs"}),
        ("bureau", {"ours", "theirs"}),
        ("station", set()),
    ],
)
def test_each_role_sees_only_its_enterprises(cast, who, sees):
    names = {"ours": cast.ours.pk, "theirs": cast.theirs.pk}
    assert set(enterprise_list(actor=getattr(cast, who)).values_list("pk", flat=True)) == {names[s] for s in sees}


def test_an_inactive_user_sees_nothing(cast):
    cast.bureau.is_active = False
    assert not enterprise_list(actor=cast.bureau).exists()


def test_district_staff_without_a_district_see_nothing(cast):
    cast.district.district = ""
    assert not enterprise_list(actor=cast.district).exists()


def test_it_refuses_another_enterprise_as_if_it_did_not_exist(cast):
    with pytest.raises(NotFound):
        enterprise_get(actor=cast.outsider, pk=cast.ours.pk)
    with pytest.raises(NotFound):
        enterprise_get(actor=cast.bureau, pk="not-a-number")
