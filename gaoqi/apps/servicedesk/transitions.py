"""The state machine: which party may move a request from which state to which."""

from enum import StrEnum

from gaoqi.apps.servicedesk.models import ServiceRequest

State = ServiceRequest.State


class Party(StrEnum):
    ENTERPRISE = "enterprise"  # a member of the requesting enterprise
    HANDLER = "handler"  # the routed mentor, an operator of the routed or escalated station, bureau staff


HANDLER, ENTERPRISE = frozenset({Party.HANDLER}), frozenset({Party.ENTERPRISE})
TRANSITIONS: dict[str, dict[str, frozenset[Party]]] = {
    State.NEW: {State.ACCEPTED: HANDLER, State.CANCELLED: ENTERPRISE},
    State.ACCEPTED: {State.IN_PROGRESS: HANDLER, State.RESOLVED: HANDLER, State.CANCELLED: ENTERPRISE},
    State.IN_PROGRESS: {State.RESOLVED: HANDLER, State.CANCELLED: ENTERPRISE},
    State.RESOLVED: {State.RATED: ENTERPRISE, State.REOPENED: ENTERPRISE},
    State.REOPENED: {State.IN_PROGRESS: HANDLER, State.RESOLVED: HANDLER, State.CANCELLED: ENTERPRISE},
    State.RATED: {},
    State.CANCELLED: {},
}
NOTE_REQUIRED = frozenset({State.RESOLVED, State.REOPENED})
OPEN_STATES = frozenset({State.NEW, State.ACCEPTED, State.IN_PROGRESS, State.REOPENED})


def allowed(state: str, parties: set[Party]) -> list[str]:
    """The states these parties may move a request in ``state`` to."""
    return [to for to, who in TRANSITIONS[state].items() if who & parties]
