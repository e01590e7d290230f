"""Endpoints: the caller's profile and assessments, under the same tenancy rules as the pages."""

from ninja import Router, Status

from gaoqi.api.schemas import (
    AssessmentOut,
    AssessmentSummary,
    DistrictChangeIn,
    DistrictChangeOut,
    Error,
    Id,
    MeOut,
    ProfileIn,
    window,
)
from gaoqi.apps.assessments.selectors import assessment_get, assessment_list
from gaoqi.apps.assessments.services import assessment_run
from gaoqi.apps.enterprises.profile import profile_as_dict
from gaoqi.apps.enterprises.reviews import district_change_request
from gaoqi.apps.enterprises.selectors import enterprise_get, enterprise_own
from gaoqi.apps.enterprises.services import profile_update
from gaoqi.core.errors import NotFound

router = Router()
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


def _enterprise(actor, enterprise_id: Id | None):
    if enterprise_id is not None:
        return enterprise_get(actor=actor, pk=enterprise_id)
    enterprise = enterprise_own(actor=actor)
    if enterprise is None:
        raise NotFound
    return enterprise


@router.get("/me", response={200: MeOut, **ERRORS}, summary="当前用户")
def me(request):
    enterprise = enterprise_own(actor=request.auth)
    user = request.auth
    return {
        "username": user.username,
        "role": user.role,
        "district": user.district,
        "enterprise_id": enterprise.pk if enterprise else None,
    }


@router.get("/profile", response={200: dict, **ERRORS}, summary="本企业资料")
def profile_read(request):
    return profile_as_dict(_enterprise(request.auth, None))


@router.patch("/profile", response={200: dict, **ERRORS}, summary="更新本企业资料")
def profile_write(request, payload: ProfileIn):
    enterprise = _enterprise(request.auth, None)
    profile_update(actor=request.auth, enterprise=enterprise, profile=payload.model_dump(exclude_none=True))
    enterprise.refresh_from_db()
    return profile_as_dict(enterprise)


@router.post(
    "/profile/district-change", response={201: DistrictChangeOut, **ERRORS}, summary="申请变更所在区（市科技局审核）"
)
def district_change(request, payload: DistrictChangeIn):
    enterprise = _enterprise(request.auth, None)
    return Status(201, district_change_request(actor=request.auth, enterprise=enterprise, **payload.model_dump()))


@router.get("/enterprises/{enterprise_id}/profile", response={200: dict, **ERRORS}, summary="企业资料")
def enterprise_profile(request, enterprise_id: Id):
    return profile_as_dict(_enterprise(request.auth, enterprise_id))


@router.post("/assessments", response={201: AssessmentOut, **ERRORS}, summary="运行自评")
def assessment_create(request, enterprise_id: Id | None = None):
    enterprise = _enterprise(request.auth, enterprise_id)
    return Status(201, assessment_run(actor=request.auth, enterprise=enterprise))


@router.get("/assessments", response={200: list[AssessmentSummary], **ERRORS}, summary="自评记录")
def assessments(request, enterprise_id: Id | None = None, limit: int = 20):
    enterprise = _enterprise(request.auth, enterprise_id)
    return assessment_list(actor=request.auth, enterprise=enterprise).defer("result")[window(limit, most=100)]


@router.get("/assessments/{assessment_id}", response={200: AssessmentOut, **ERRORS}, summary="自评结果")
def assessment_detail(request, assessment_id: Id):
    return assessment_get(actor=request.auth, pk=assessment_id)
