"""The 52 sub-fields (二级领域) of 《国家重点支持的高新技术领域》, read from the rules engine's catalogue: the field of
a product, a scenario and a talent need."""

from functools import cache

from gaoqi.rules.rulebooks import parameters


@cache
def catalogue() -> dict[str, str]:
    """Every code of the catalogue (8 fields, 52 sub-fields, 254 items) with its name, in force today."""
    value = parameters()["hte.fields.catalogue"].entries[-1].value
    assert isinstance(value, dict)
    return {str(code): str(name) for code, name in value.items()}


@cache
def sub_fields() -> list[tuple[str, str]]:
    """The 52 sub-fields as ``(code, "一级 · 二级")`` choices, in catalogue order."""
    names = catalogue()
    return [(code, f"{names[code[:2]]} · {name}") for code, name in names.items() if len(code) == 3]


def field_name(code: str) -> str:
    return catalogue().get(code, code)
