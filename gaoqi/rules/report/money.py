"""Chinese formatting of amounts and ratios for explanations."""


def yuan(text: str) -> str:
    """'1234567.80' → '1,234,567.80元'."""
    whole, _, cents = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-')):,}.{cents or '00'}元"


def percent(text: str | None) -> str:
    """'0.0512' → '5.12%' (exact digits, no rounding up)."""
    if text is None:
        return "无法计算"
    whole, _, decimals = text.partition(".")
    digits = (decimals + "0000")[:4]
    sign = "-" if whole.startswith("-") else ""
    value = int(whole.lstrip("-")) * 100 + int(digits[:2])
    return f"{sign}{value}.{digits[2:]}%"
