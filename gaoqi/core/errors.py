"""Domain errors that pages and the API turn into user-facing messages."""


class PermissionDenied(Exception):
    """The actor may not do this."""


class NotFound(Exception):
    """The object does not exist or the actor may not see it."""


class DomainError(Exception):
    """A request that cannot be carried out, with a user-facing message and an optional field."""

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
