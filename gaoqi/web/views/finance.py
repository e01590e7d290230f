"""Pages of 金融惠企: an institution's home, products and deals; an enterprise's demands, consent and signals; the
bureau's league table; the risk-compensation pool."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gaoqi.apps.enterprises.selectors import enterprise_own
from gaoqi.apps.finance import services
from gaoqi.apps.finance.matching import suggestions
from gaoqi.apps.finance.models import Deal
from gaoqi.apps.finance.selectors import (
    OVERSEERS,
    consents_of,
    deal_get,
    deal_list,
    demand_get,
    demand_is_own,
    demand_list,
    institution_of,
    league_table,
    pool_exposure,
    pool_loan_list,
    product_catalogue,
    product_own_get,
    product_own_list,
    signals_own,
)
from gaoqi.core.errors import DomainError
from gaoqi.rules.finance.compensation import pool_share
from gaoqi.web.forms.errors import add_domain_error
from gaoqi.web.forms.finance import (
    CalculatorForm,
    ContestForm,
    DealMoveForm,
    DemandForm,
    PoolLoanForm,
    PoolLossForm,
    ProductForm,
    RevokeForm,
    RoundForm,
    SendForm,
)

PAGE_SIZE = 30
State = Deal.State


def _institution(request):
    institution = institution_of(request.user)
    if institution is None:
        raise PermissionDenied
    return institution


def _page(request, rows):
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")), "query": query.urlencode()}


@login_required
@require_GET
def home(request):
    institution = _institution(request)
    state = request.GET.get("state", "")
    rows = deal_list(actor=request.user)
    counts = {value: rows.filter(state=value).count() for value in State.values}
    if state in State.values:
        rows = rows.filter(state=state)
    context = {
        "institution": institution,
        "states": [(value, label, counts[value]) for value, label in State.choices],
        "state": state,
        "products": product_own_list(actor=request.user).count(),
        "now": timezone.now(),
        **_page(request, rows),
    }
    return render(request, "finance/home.html", context)


@login_required
@require_GET
def products(request):
    institution = _institution(request)
    rows = product_own_list(actor=request.user)
    return render(request, "finance/products.html", {"institution": institution, "products": rows})


def _product_page(request, product=None):
    _institution(request)
    initial = {name: getattr(product, name) for name in services.PRODUCT_FIELDS} if product else None
    form = ProductForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            saved = services.product_save(actor=request.user, pk=product and product.pk, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("产品“%(name)s”已保存。") % {"name": saved.name})
            return redirect("finance:products")
    status = 400 if request.method == "POST" else 200
    return render(request, "finance/product_form.html", {"form": form, "product": product}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def product_new(request):
    return _product_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request, pk):
    return _product_page(request, product_own_get(actor=request.user, pk=pk))


@login_required
@require_GET
def demands(request):
    user = request.user
    if user.role not in OVERSEERS and enterprise_own(actor=user) is None:
        raise PermissionDenied
    rows = demand_list(actor=user).prefetch_related("deals")
    context = {"can_file": enterprise_own(actor=user) is not None, **_page(request, rows)}
    return render(request, "finance/demands.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def demand_new(request):
    if enterprise_own(actor=request.user) is None:
        raise PermissionDenied
    form = DemandForm(request.POST or None)
    if form.is_valid():
        try:
            demand = services.demand_file(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("融资需求已提交，下面是为您匹配的金融产品。"))
            return redirect("finance:demand", pk=demand.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "finance/demand_new.html", {"form": form}, status=status)


def _demand_page(request, demand, status=200, send_form=None):
    own = demand_is_own(actor=request.user, demand=demand)
    sent = set(demand.deals.values_list("institution_id", flat=True))
    context = {
        "demand": demand,
        "own": own,
        "deals": demand.deals.select_related("institution", "product"),
        "consents": consents_of(demand),
        "suggestions": suggestions(demand, product_catalogue(actor=request.user)) if own else [],
        "sent": sent,
        "send_form": send_form or SendForm(),
        "open": own and demand.withdrawn_at is None,
    }
    return render(request, "finance/demand.html", context, status=status)


@login_required
@require_GET
def demand_detail(request, pk):
    return _demand_page(request, demand_get(actor=request.user, pk=pk))


@login_required
@require_POST
def demand_send(request, pk):
    demand = demand_get(actor=request.user, pk=pk)
    if not demand_is_own(actor=request.user, demand=demand):
        raise PermissionDenied
    form = SendForm(request.POST)
    if form.is_valid():
        product = product_catalogue(actor=request.user).filter(pk=form.cleaned_data["product"]).first()
        try:
            if product is None:
                raise DomainError(_("所选产品不存在或已下架。"), field="product")
            services.deal_send(
                actor=request.user,
                demand_pk=pk,
                institution=product.institution,
                product=product,
                sections=form.cleaned_data["sections"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已推送给 %(name)s。") % {"name": product.institution.name})
            return redirect("finance:demand", pk=pk)
    return _demand_page(request, demand, status=400, send_form=form)


@login_required
@require_POST
def consent_revoke(request, pk):
    form = RevokeForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("请选择要撤销授权的机构。"), field="institution")
        services.consent_revoke(actor=request.user, demand_pk=pk, institution_pk=form.cleaned_data["institution"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已撤销授权，该机构不能再查看本需求和企业资料。"))
    return redirect("finance:demand", pk=pk)


@login_required
@require_POST
def demand_withdraw(request, pk):
    try:
        services.demand_withdraw(actor=request.user, pk=pk)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("finance:demand", pk=pk)


def _deal_page(request, pk, status=200, form=None, loan_form=None):
    deal, sections = services.deal_profile_read(actor=request.user, pk=pk)
    staff = institution_of(request.user) is not None
    context = {
        "deal": deal,
        "sections": sections,
        "staff": staff,
        "moves": [(s, State(s).label) for s in services.TRANSITIONS.get(deal.state, ())] if staff else [],
        "form": form or DealMoveForm(),
        "loan_form": loan_form or PoolLoanForm(),
        "can_record_loan": staff
        and deal.state == State.APPROVED
        and deal.product is not None
        and deal.product.pool_covered
        and not hasattr(deal, "pool_loan"),
        "events": deal.events.select_related("actor"),
        "now": timezone.now(),
    }
    return render(request, "finance/deal.html", context, status=status)


@login_required
@require_GET
def deal_detail(request, pk):
    return _deal_page(request, pk)


@login_required
@require_POST
def deal_move(request, pk):
    deal_get(actor=request.user, pk=pk)
    form = DealMoveForm(request.POST)
    if form.is_valid():
        try:
            services.deal_move(actor=request.user, pk=pk, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("finance:deal", pk=pk)
    return _deal_page(request, pk, status=400, form=form)


@login_required
@require_POST
def pool_loan_new(request, pk):
    deal_get(actor=request.user, pk=pk)
    form = PoolLoanForm(request.POST)
    if form.is_valid():
        try:
            services.pool_loan_record(actor=request.user, deal_pk=pk, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已登记为资金池贷款。"))
            return redirect("finance:pool")
    return _deal_page(request, pk, status=400, loan_form=form)


@login_required
@require_GET
def league(request):
    if request.user.role not in OVERSEERS:
        raise PermissionDenied
    return render(request, "finance/league.html", {"rows": league_table(actor=request.user)})


def _calculation(form):
    if not form.is_valid():
        return None
    try:
        return pool_share(**form.cleaned_data)
    except ValueError as exc:
        form.add_error("loss", str(exc))
    return None


@login_required
@require_GET
def pool(request):
    user = request.user
    if user.role not in OVERSEERS and institution_of(user) is None:
        raise PermissionDenied
    calculator = CalculatorForm(request.GET if "loss" in request.GET else None)
    context = {
        "exposure": pool_exposure(actor=user),
        "loans": pool_loan_list(actor=user)[:100] if institution_of(user) else [],
        "loss_form": PoolLossForm(),
        "calculator": calculator,
        "share": _calculation(calculator),
    }
    return render(request, "finance/pool.html", context)


@login_required
@require_POST
def pool_loss(request, pk):
    form = PoolLossForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("finance:pool")
    try:
        loan = services.pool_loss_record(actor=request.user, pk=pk, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已登记损失，资金池补偿 %(amount)s 元。") % {"amount": loan.compensation})
    return redirect("finance:pool")


@login_required
@require_http_methods(["GET", "POST"])
def signals(request):
    if enterprise_own(actor=request.user) is None:
        raise PermissionDenied
    posted = request.POST.get("kind", "")
    contest_form = ContestForm(request.POST if posted == "contest" else None, prefix="contest")
    round_form = RoundForm(request.POST if posted == "round" else None, prefix="round")
    for form, record in ((contest_form, services.contest_record), (round_form, services.round_record)):
        if form.is_bound and form.is_valid():
            try:
                record(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, _("已记录。"))
                return redirect("finance:signals")
    contests, rounds = signals_own(actor=request.user)
    context = {"contests": contests, "rounds": rounds, "contest_form": contest_form, "round_form": round_form}
    return render(request, "finance/signals.html", context, status=400 if posted else 200)
