"""Errors the rules package reports to people: Chinese, naming the field."""


class ProfileError(ValueError):
    """An enterprise profile is invalid; ``field`` is the dotted path, ``message`` says what is wrong (zh)."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}：{message}")
        self.field = field
        self.message = message
