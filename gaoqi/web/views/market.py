"""Pages of 产品兴企: the public catalogue and scenario lists, an enterprise's products and proposals, the bureau's
review queue, an owner's scenarios with their proposals and suggestions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gaoqi.apps.enterprises.selectors import enterprise_own
from gaoqi.apps.market import selectors, services, suggest
from gaoqi.apps.market.exports import catalogue_xlsx
from gaoqi.apps.market.models import Product
from gaoqi.apps.market.official_lists import COLUMNS, official_list_import
from gaoqi.apps.market.services import PRODUCT_FIELDS, PRODUCT_MOVES, PROPOSAL_MOVES
from gaoqi.core.errors import DomainError
from gaoqi.core.roles import Role
from gaoqi.web.forms.errors import add_domain_error
from gaoqi.web.forms.market import (
    CatalogueFilter,
    MoveForm,
    OfficialListForm,
    ProductForm,
    ProposalForm,
    ProposalMoveForm,
    ScenarioForm,
)

PAGE_SIZE = 30
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _catalogue(request):
    form = CatalogueFilter(request.GET or None)
    return form, selectors.product_catalogue(**(form.cleaned_data if form.is_valid() else {}))


@require_GET
def catalogue(request):
    form, found = _catalogue(request)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "market/catalogue.html", {"form": form, "page": page})


@require_GET
def catalogue_export(request):
    _form, found = _catalogue(request)
    response = HttpResponse(catalogue_xlsx(found), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="innovation-products.xlsx"'
    return response


def _moves(actor, product: Product) -> list[tuple[str, str]]:
    """The states ``actor`` may move the product to, for the buttons."""
    own = selectors.product_is_own(actor=actor, product=product)
    reviewer = actor.is_authenticated and actor.role in selectors.REVIEWERS
    allowed = {"member": own, "reviewer": reviewer, "either": own or reviewer}
    return [
        (to, str(Product.State(to).label))
        for (state, to), who in PRODUCT_MOVES.items()
        if state == product.state and allowed[who]
    ]


@require_GET
def product_detail(request, pk):
    product = selectors.product_get(actor=request.user, pk=pk)
    context = {
        "product": product,
        "moves": _moves(request.user, product),
        "editable": selectors.product_is_own(actor=request.user, product=product)
        and product.state in services.EDITABLE_STATES,
        "form": MoveForm(),
    }
    return render(request, "market/product.html", context)


@login_required
@require_POST
def product_move(request, pk):
    product = selectors.product_get(actor=request.user, pk=pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.product_move(actor=request.user, pk=product.pk, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("产品状态已更新。"))
            return redirect("market:product", pk=product.pk)
    context = {"product": product, "moves": _moves(request.user, product), "form": form, "editable": False}
    return render(request, "market/product.html", context, status=400)


def _own_enterprise(request):
    enterprise = enterprise_own(actor=request.user) if request.user.role == Role.ENTERPRISE else None
    if enterprise is None:
        raise PermissionDenied
    return enterprise


@login_required
@require_GET
def mine(request):
    enterprise = _own_enterprise(request)
    context = {
        "products": selectors.products_own(actor=request.user),
        "proposals": selectors.proposals_visible(actor=request.user),
        "suggested": suggest.scenarios_for(enterprise),
    }
    return render(request, "market/mine.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def product_form(request, pk=None):
    enterprise = _own_enterprise(request)
    product = selectors.product_get(actor=request.user, pk=pk) if pk else None
    if product is not None and product.enterprise_id != enterprise.pk:
        raise PermissionDenied
    initial = {name: getattr(product, name) for name in PRODUCT_FIELDS} if product else None
    if product:
        initial["ip_items"] = list(product.ip_items.all())
    form = ProductForm(request.POST or None, initial=initial, ip_items=enterprise.ip_items.all())
    if form.is_valid():
        try:
            saved = services.product_save(actor=request.user, pk=pk, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("产品已保存为草稿，提交后由市科技局审核。"))
            return redirect("market:product", pk=saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "market/product_form.html", {"form": form, "product": product}, status=status)


@login_required
@require_GET
def reviews(request):
    if request.user.role not in selectors.REVIEWERS:
        raise PermissionDenied
    return render(request, "market/reviews.html", {"products": selectors.product_review_queue(actor=request.user)})


@require_GET
def scenario_list(request):
    page = Paginator(selectors.scenario_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "market/scenarios.html", {"page": page})


@login_required
@require_GET
def owned(request):
    if request.user.role not in selectors.PUBLISHERS:
        raise PermissionDenied
    return render(request, "market/owned.html", {"scenarios": selectors.scenarios_managed(actor=request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def scenario_new(request):
    organisations = selectors.organisations_managed(actor=request.user)
    if request.user.role not in selectors.PUBLISHERS:
        raise PermissionDenied
    form = ScenarioForm(request.POST or None, organisations=organisations)
    if form.is_valid():
        try:
            scenario = services.scenario_publish(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("应用场景已发布。"))
            return redirect("market:scenario", pk=scenario.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "market/scenario_form.html", {"form": form}, status=status)


def _scenario_context(request, scenario, proposal_form=None):
    actor = request.user
    manages = actor.is_authenticated and selectors.scenario_can_manage(actor=actor, scenario=scenario)
    enterprise = enterprise_own(actor=actor) if actor.is_authenticated and actor.role == Role.ENTERPRISE else None
    context = {"scenario": scenario, "manages": manages, "events": scenario.events.all()}
    if manages:
        context["proposals"] = selectors.proposals_visible(actor=actor).filter(scenario=scenario)
        context["moves"] = PROPOSAL_MOVES
        context["suggested"] = suggest.products_for(scenario)
        context["suggested_enterprises"] = suggest.enterprises_for(scenario)
        context["move_form"] = ProposalMoveForm()
    if enterprise is not None:
        context["own"] = selectors.proposals_visible(actor=actor).filter(scenario=scenario).first()
        context["proposal_form"] = proposal_form or ProposalForm(
            products=enterprise.products.exclude(state=Product.State.DRAFT)
        )
    return context


@require_GET
def scenario_detail(request, pk):
    scenario = selectors.scenario_get(pk=pk)
    return render(request, "market/scenario.html", _scenario_context(request, scenario))


@login_required
@require_POST
def propose(request, pk):
    scenario = selectors.scenario_get(pk=pk)
    enterprise = _own_enterprise(request)
    form = ProposalForm(request.POST, products=enterprise.products.exclude(state=Product.State.DRAFT))
    if form.is_valid():
        try:
            services.proposal_submit(actor=request.user, scenario=scenario, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("方案已提交，场景方将会看到。"))
            return redirect("market:scenario", pk=scenario.pk)
    return render(request, "market/scenario.html", _scenario_context(request, scenario, form), status=400)


@login_required
@require_POST
def proposal_move(request, pk):
    proposal = selectors.proposal_get(actor=request.user, pk=pk)
    form = ProposalMoveForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_move(actor=request.user, pk=proposal.pk, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("方案状态已更新。"))
    else:
        messages.error(request, _("请选择方案的新状态。"))
    return redirect("market:scenario", pk=proposal.scenario_id)


@login_required
@require_http_methods(["GET", "POST"])
def official_list(request):
    if request.user.role not in selectors.REVIEWERS:
        raise PermissionDenied
    form, report = OfficialListForm(request.POST or None, request.FILES or None), None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = official_list_import(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                data=upload.read(),
                filename=upload.name,
                dry_run=form.cleaned_data["dry_run"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
    status = 400 if request.method == "POST" and (not form.is_valid() or (report and report.errors)) else 200
    context = {"form": form, "report": report, "columns": COLUMNS}
    return render(request, "market/official_list.html", context, status=status)
