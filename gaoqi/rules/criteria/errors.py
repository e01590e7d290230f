"""The one error the criteria language raises: a Chinese message with the line and column it points at."""


class CriteriaError(Exception):
    """An expression that cannot be read or checked; ``position`` is 1-based (line, column)."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(f"第{line}行第{column}列：{message}")
        self.message = message
        self.line = line
        self.column = column

    def as_dict(self) -> dict:
        return {"message": self.message, "line": self.line, "column": self.column, "text": str(self)}
