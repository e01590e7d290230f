"""统一社会信用代码 (GB 32100-2015) validation: structure, the GB 11714 inner check and the mod-31 outer check."""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 symbols, value = index (no I, O, S, V, Z)
AUTHORITIES = "123456789ANY"
OUTER_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, …, 28
INNER_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
LATIN = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # GB 11714 values: 0–9, A–Z → 10–35


class USCCError(ValueError):
    """An invalid code; ``check`` is length, charset, authority, region, inner_check or outer_check."""

    def __init__(self, check: str, message: str):
        super().__init__(message)
        self.check = check
        self.message = message


def _values(text: str, alphabet: str, first_position: int) -> list[int]:
    values = []
    for position, char in enumerate(text, first_position):
        if char not in alphabet:
            hint = "（不使用 I、O、S、V、Z）" if char in "IOSVZ" else ""
            raise USCCError("charset", f"第{position}位字符“{char}”不是统一社会信用代码允许的字符{hint}")
        values.append(alphabet.index(char))
    return values


def outer_check_char(first17: str) -> str:
    """The 18th character for the first 17 (GB 32100 alphabet, weights 3^(i−1) mod 31)."""
    total = sum(v * w for v, w in zip(_values(first17, ALPHABET, 1), OUTER_WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def inner_check_char(body8: str) -> str:
    """The GB 11714 check character (position 17) for the 8-character organisation body (positions 9–16)."""
    total = sum(v * w for v, w in zip(_values(body8, LATIN, 9), INNER_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(authority_type: str, region: str, body8: str) -> str:
    """A valid code from positions 1–2, the six-digit region and the 8-character body (both checks added)."""
    parts = (authority_type.strip().upper(), region.strip(), body8.strip().upper())
    if tuple(map(len, parts)) != (2, 6, 8):
        raise USCCError("length", "生成统一社会信用代码需要2位登记管理部门和机构类别、6位行政区划码、8位主体标识码")
    first17 = "".join(parts) + inner_check_char(parts[2])
    return validate_uscc(first17 + outer_check_char(first17))


def validate_uscc(code: str) -> str:
    """The normalised code (stripped, uppercase), or USCCError naming the first check that fails."""
    if not isinstance(code, str):
        raise USCCError("length", f"统一社会信用代码应为18位字符串，收到 {code!r}")
    code = code.strip().upper()
    if len(code) != 18:
        raise USCCError("length", f"统一社会信用代码应为18位，收到{len(code)}位")
    _values(code, ALPHABET, 1)
    if code[0] not in AUTHORITIES:
        raise USCCError("authority", f"第1位登记管理部门代码“{code[0]}”无效，应为 1–9、A、N、Y 之一")
    if not code[2:8].isdigit():
        position, char = next((i, c) for i, c in enumerate(code[2:8], 3) if not c.isdigit())
        raise USCCError(
            "region", f"第3–8位登记管理机关行政区划码应为6位数字，收到“{code[2:8]}”（第{position}位为“{char}”）"
        )
    expected = inner_check_char(code[8:16])
    if code[16] != expected:
        raise USCCError("inner_check", f"第17位组织机构代码校验码错误：应为{expected}，实为{code[16]}")
    expected = outer_check_char(code[:17])
    if code[17] != expected:
        raise USCCError("outer_check", f"第18位校验码错误：应为{expected}，实为{code[17]}")
    return code
