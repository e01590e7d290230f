"""Links to pages for code below the web layer (notices, e-mails, documents).

A domain app names the page it means ("training.session", with the session's id); the web layer, which owns the URL
names, registers how to build each link when it starts (``gaoqi.web.links.register_page_links`` from
``WebConfig.ready``). So apps never call ``django.urls.reverse`` or know a web URL name.
"""

from collections.abc import Callable

LinkBuilder = Callable[..., str]

_builders: dict[str, LinkBuilder] = {}


def register_link(name: str, build: LinkBuilder) -> None:
    """Register how to build the link called ``name``; registering a name again replaces its builder."""
    _builders[name] = build


def link_for(name: str, *args: object) -> str:
    """The site-relative link of page ``name`` for ``args`` (e.g. ``link_for("training.session", 7)``)."""
    try:
        build = _builders[name]
    except KeyError:
        raise LookupError(f"no page is registered for the link {name!r}") from None
    return build(*args)


def registered_links() -> frozenset[str]:
    return frozenset(_builders)
