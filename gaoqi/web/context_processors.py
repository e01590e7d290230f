"""What base.html needs on every page: the reader's display choices and the menus for the signed-in user."""

from django.utils.functional import SimpleLazyObject

from gaoqi.web.display import display_of
from gaoqi.web.navigation import sidebar_for, top_menu_for


def layout(request) -> dict:
    user = getattr(request, "user", None)
    if user is None:
        return {"display": display_of(request)}
    return {
        "display": display_of(request),
        "sidebar": SimpleLazyObject(lambda: sidebar_for(user, request.path)),
        "top_menu": SimpleLazyObject(lambda: top_menu_for(user, request.path)),
    }
