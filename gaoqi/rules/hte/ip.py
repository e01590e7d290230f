"""工作指引 知识产权: which items count for this application (Ⅰ类 reusable, Ⅱ类 once), and their tallies."""

import numpy as np

from gaoqi.rules.catalogue import REGISTRY
from gaoqi.rules.hte.references import ART_11
from gaoqi.rules.profile import ACQUISITION, IP_KINDS

formula = REGISTRY.formula
REF = ART_11[2]


@formula("Ⅰ类知识产权", "bool", REF, entity="ip")
def ip_class_i(v):
    kinds = [IP_KINDS.index(kind) for kind in v.param("hte.ip.class_i_kinds")]
    return np.isin(v("ip_kind"), kinds)


@formula("申请时已授权且在保护期内", "bool", REF, entity="ip")
def ip_in_force(v):
    applied = v.broadcast("ip", v("application_day"))
    return v.known("ip_granted_day") & (v("ip_granted_day") <= applied) & (v("ip_expires_day") >= applied)


@formula("可用于本次申请（Ⅱ类知识产权未曾使用）", "bool", REF, entity="ip")
def ip_usable(v):
    single_use = v.param("hte.ip.class_ii_single_use")
    return v("ip_in_force") & (v("ip_class_i") | ~(v("ip_used_before") & single_use))


def _count(v, mask) -> np.ndarray:
    return v.sum("ip", mask)


@formula("可用于本次申请的知识产权数", "count", REF)
def ip_usable_count(v):
    return _count(v, v("ip_usable"))


@formula("确无可用于本次申请的知识产权（已填报，且每项的授权日期都已知）", "bool", REF)
def ip_none_usable(v):
    undetermined = _count(v, ~v.known("ip_granted_day"))
    return v("ip_reported") & (v("ip_usable_count") == 0) & (undetermined == 0)


@formula("可用的Ⅰ类知识产权数", "count", REF)
def ip_class_i_count(v):
    return _count(v, v("ip_usable") & v("ip_class_i"))


@formula("可用的Ⅱ类知识产权数", "count", REF)
def ip_class_ii_count(v):
    return _count(v, v("ip_usable") & ~v("ip_class_i"))


@formula("已使用过、不能再用的Ⅱ类知识产权数", "count", REF)
def ip_class_ii_used_count(v):
    return _count(v, v("ip_in_force") & ~v("ip_class_i") & v("ip_used_before"))


@formula("未填授权日期、若已授权即可用的Ⅰ类知识产权数", "count", REF)
def ip_class_i_undated_count(v):
    return _count(v, ~v.known("ip_granted_day") & v("ip_class_i"))


@formula("未填授权日期、若已授权即可用的Ⅱ类知识产权数", "count", REF)
def ip_class_ii_undated_count(v):
    single_use = v.param("hte.ip.class_ii_single_use")
    return _count(v, ~v.known("ip_granted_day") & ~v("ip_class_i") & ~(v("ip_used_before") & single_use))


@formula("可用且发挥核心支持作用的知识产权数", "count", REF)
def ip_core_count(v):
    return _count(v, v("ip_usable") & v("ip_core") & v.known("ip_core"))


@formula("核心作用或授权日期未填的知识产权数", "count", REF)
def ip_core_unknown_count(v):
    return _count(v, ~v.known("ip_granted_day") | (v("ip_usable") & ~v.known("ip_core")))


@formula("自主研发获得的可用知识产权数", "count", REF)
def ip_own_count(v):
    own = v.known("ip_acquired_by") & (v("ip_acquired_by") == ACQUISITION.index("own"))
    return _count(v, v("ip_usable") & own)


@formula("获得方式未填的可用知识产权数", "count", REF)
def ip_acquisition_unknown_count(v):
    return _count(v, v("ip_usable") & ~v.known("ip_acquired_by"))
