"""Domain apps and the core kernel do not reach up into the web layer: no ``reverse()`` of a web URL name, no web
template. Links come from ``gaoqi.core.pagelinks`` (filled by the web layer); an app renders only the templates in its
own ``templates/`` folder."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from gaoqi.core.pagelinks import link_for, registered_links
from gaoqi.web.links import PAGE_URL_NAMES

ROOT = Path(settings.BASE_DIR, "gaoqi")
BELOW_WEB = sorted(
    p for folder in ("apps", "core") for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts
)
URL_MODULES = {"django.urls", "django.shortcuts"}
RENDERERS = {"render_to_string", "get_template", "select_template", "render"}


def _imports(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _template_names(tree: ast.AST) -> list[str | None]:
    """The first argument of every template-rendering call (None when it is not a string literal)."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in RENDERERS:
            first = node.args[0] if node.args else None
            names.append(first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None)
    return names


def _app_root(path: Path) -> Path:
    relative = path.relative_to(ROOT)
    return ROOT / relative.parts[0] / relative.parts[1] if relative.parts[0] == "apps" else ROOT / "core"


@pytest.mark.parametrize("path", BELOW_WEB, ids=lambda p: str(p.relative_to(ROOT)))
def test_it_builds_no_web_url_and_renders_no_web_template(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not _imports(tree) & URL_MODULES, f"{path}: take links from gaoqi.core.pagelinks.link_for"
    for name in _template_names(tree):
        assert name is not None, f"{path}: name the template as a literal"
        assert (_app_root(path) / "templates" / name).is_file(), f"{path}: {name} is not in the app's own templates"


def test_the_web_layer_registers_every_page_link_and_each_builds_its_url():
    assert registered_links() >= set(PAGE_URL_NAMES)
    assert link_for("training.session", 7) == reverse("training:session", args=[7])
    assert link_for("mentoring.workbench") == reverse("mentoring:workbench")


def test_an_unregistered_link_is_refused():
    with pytest.raises(LookupError, match="is registered"):
        link_for("no.such.page")
