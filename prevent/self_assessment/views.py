"""Pages of the self-assessment. Thin: the policy decides access, a form
parses, one service writes or one selector reads, then render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from prevent.core import clock
from prevent.core.downloads import private_file_response
from prevent.core.once import once_per_submission
from prevent.core.pagination import govuk_pagination, page_number, paginate
from prevent.core.versioning import submit_versioned
from prevent.core.view_helpers import actor, submit
from prevent.policy import Action, can, require

from . import selectors, services
from .evidence import suggestions_for
from .forms import (
    ActionForm,
    CompareForm,
    DetailsForm,
    ObjectiveForm,
    OverviewFilterForm,
    PublishTemplateForm,
    StartForm,
)
from .models import RATING_DESCRIPTIONS, Assessment, Rating
from .rules import access_assessment, access_evidence_file, access_history_organisation

PAGE_SIZE = 50


def _editable(request: HttpRequest, pk: int) -> Assessment:
    return access_assessment(actor(request), pk, Action.EDIT_SELF_ASSESSMENT)


def _attachment(content: bytes, content_type: str, filename: str) -> FileResponse:
    return private_file_response(file=content, filename=filename, content_type=content_type)


# Lists ---------------------------------------------------------------------------


@require_http_methods(["GET"])
def assessment_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.LIST_SELF_ASSESSMENTS)
    page = paginate(selectors.assessment_list_for(user), PAGE_SIZE, page_number(request))
    return render(
        request,
        "self_assessment/list.html",
        {
            "assessments": list(page.object_list),
            "page": page,
            "pagination": govuk_pagination(page, request.GET),
            "can_start": can(user, Action.START_SELF_ASSESSMENT),
            "can_overview": can(user, Action.VIEW_SELF_ASSESSMENT_OVERVIEW),
            "can_publish": can(user, Action.PUBLISH_SELF_ASSESSMENT_TEMPLATE),
            "own_organisation": user.organisation if can(user, Action.START_SELF_ASSESSMENT) else None,
        },
    )


# Starting and details ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@once_per_submission
def assessment_start(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    organisation = selectors.organisation_to_start(user)
    if organisation is None:
        # No active organisation of the user's own to assess (e.g. archived).
        raise PermissionDenied
    require(user, Action.START_SELF_ASSESSMENT, organisation)
    previous = selectors.latest_submitted(organisation.pk)
    form = StartForm(request.POST if request.method == "POST" else None, previous=previous)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        copy_from = previous if previous and data.get("start_from") == StartForm.COPY else None
        assessment = submit(
            form,
            services.assessment_start,
            actor=user,
            organisation=organisation,
            assessor_names=data["assessor_names"],
            assessed_on=data["assessed_on"],
            review_due_on=data["review_due_on"],
            copy_from=copy_from,
        )
        if assessment is not None:
            messages.success(
                request,
                "Assessment started from a copy of the last one" if copy_from else "Assessment started",
            )
            return redirect("self_assessment:detail", assessment.pk)
    return render(
        request,
        "self_assessment/start.html",
        {"form": form, "organisation": organisation, "previous": previous},
    )


@require_http_methods(["GET", "POST"])
def assessment_details(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    initial = {
        "assessor_names": assessment.assessor_names,
        "assessed_on": assessment.assessed_on,
        "review_due_on": assessment.review_due_on,
    }
    form = DetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            services.assessment_update_details,
            actor=actor(request),
            assessment=assessment,
            **form.cleaned_data,
        )
        if saved is not None:
            messages.success(request, "Details saved")
            return redirect("self_assessment:detail", assessment.pk)
    return render(request, "self_assessment/details.html", {"form": form, "assessment": assessment})


# The assessment ---------------------------------------------------------------------


@require_http_methods(["GET"])
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    assessment = access_assessment(user, pk)
    sections = selectors.assessment_sections(assessment)
    can_edit = can(user, Action.EDIT_SELF_ASSESSMENT, assessment)
    template = "self_assessment/summary.html" if assessment.is_locked else "self_assessment/task_list.html"
    latest = selectors.latest_submitted(assessment.organisation_id)
    return render(
        request,
        template,
        {
            "assessment": assessment,
            "sections": sections,
            "can_edit": can_edit,
            "can_start_next": (
                assessment.is_locked
                and latest is not None
                and latest.pk == assessment.pk
                and can(user, Action.START_SELF_ASSESSMENT, assessment.organisation)
            ),
            "complete_count": sum(1 for s in sections if s.complete),
            "mode": "submitted",
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def objective_edit(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    user = actor(request)
    assessment = _editable(request, pk)
    section = selectors.section_of(assessment, number)
    sources = {row.statement.evidence_source for row in section.rows if row.statement.evidence_source}
    suggestions = suggestions_for(assessment.organisation, sources)
    for row in section.rows:
        row.suggestion = suggestions.get(row.statement.evidence_source, "")
    form = ObjectiveForm(
        *((request.POST, request.FILES) if request.method == "POST" else (None, None)),
        section=section,
        suggestions=suggestions,
    )
    if request.method == "POST" and form.is_valid():
        remove = {int(v) for v in request.POST.getlist("remove_file") if v.isascii() and v.isdigit()}
        uploads = {
            pk: services.Upload(form.cleaned_data[f"file_{pk}"], checked)
            for pk, checked in form.checked.items()
        }
        rating = submit(
            form,
            services.assessment_save_objective,
            actor=user,
            assessment=assessment,
            objective=section.objective,
            answers=form.answers(),
            uploads=uploads,
            remove_file_ids=remove,
            override=form.cleaned_data.get("override") or "",
            override_reason=form.cleaned_data.get("override_reason") or "",
        )
        if rating is not None:
            messages.success(request, f"Objective {number} saved")
            if "add_action" in request.POST:
                return redirect("self_assessment:action-add", assessment.pk, number)
            if "stay" in request.POST:
                return redirect("self_assessment:objective", assessment.pk, number)
            return redirect("self_assessment:detail", assessment.pk)
    return render(
        request,
        "self_assessment/objective.html",
        {
            "assessment": assessment,
            "section": section,
            "form": form,
            "scale": [(Rating(r).label, RATING_DESCRIPTIONS[r]) for r in Rating],
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def action_edit(request: HttpRequest, pk: int, number: int, action_pk: int | None = None) -> HttpResponse:
    user = actor(request)
    assessment = _editable(request, pk)
    objective = selectors.objective_of(assessment, number)
    action = None if action_pk is None else selectors.action_of(assessment, objective, action_pk)
    initial = (
        {
            "description": action.description,
            "owner": action.owner,
            "due_on": action.due_on,
            "status": action.status,
            "version": action.version,
        }
        if action
        else {}
    )
    form = ActionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit_versioned(
            form,
            services.action_save,
            actor=user,
            assessment=assessment,
            objective=objective,
            action=action,
            **form.cleaned_data,
        )
        if saved is not None:
            messages.success(request, "Action saved")
            return redirect("self_assessment:objective", assessment.pk, number)
    return render(
        request,
        "self_assessment/action.html",
        {"assessment": assessment, "objective": objective, "form": form, "action": action},
    )


@require_http_methods(["GET", "POST"])
def action_remove(request: HttpRequest, pk: int, number: int, action_pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    objective = selectors.objective_of(assessment, number)
    action = selectors.action_of(assessment, objective, action_pk)
    if request.method == "POST":
        services.action_remove(actor=actor(request), action=action)
        messages.success(request, "Action removed")
        return redirect("self_assessment:objective", assessment.pk, number)
    return render(
        request,
        "self_assessment/action_remove.html",
        {"assessment": assessment, "objective": objective, "action": action},
    )


@require_http_methods(["GET"])
def assessment_check(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    sections = selectors.assessment_sections(assessment)
    return render(
        request,
        "self_assessment/summary.html",
        {
            "assessment": assessment,
            "sections": sections,
            "can_edit": True,
            "mode": "check",
            "problems": services.submission_problems(assessment),
        },
    )


@require_http_methods(["GET", "POST"])
def assessment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    problems = services.submission_problems(assessment)
    if request.method == "POST":
        try:
            services.assessment_submit(actor=actor(request), assessment=assessment)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, "Self-assessment submitted")
            return redirect("self_assessment:detail", assessment.pk)
    return render(request, "self_assessment/submit.html", {"assessment": assessment, "problems": problems})


# Files and exports ---------------------------------------------------------------------


@require_http_methods(["GET"])
def file_download(request: HttpRequest, pk: int) -> FileResponse:
    user = actor(request)
    evidence = access_evidence_file(user, pk)
    services.evidence_file_download(actor=user, evidence=evidence)
    return private_file_response(
        file=evidence.file.open("rb"),
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )


def _export_name(assessment: Assessment, extension: str) -> str:
    return f"prevent-self-assessment-{assessment.pk}-{assessment.assessed_on.isoformat()}.{extension}"


@require_http_methods(["GET"])
def export_pdf(request: HttpRequest, pk: int) -> FileResponse:
    user = actor(request)
    assessment = access_assessment(user, pk)
    content = services.assessment_export(actor=user, assessment=assessment, export_format="pdf")
    return _attachment(content, "application/pdf", _export_name(assessment, "pdf"))


@require_http_methods(["GET"])
def export_csv(request: HttpRequest, pk: int) -> FileResponse:
    user = actor(request)
    assessment = access_assessment(user, pk)
    content = services.assessment_export(actor=user, assessment=assessment, export_format="csv")
    return _attachment(content, "text/csv; charset=utf-8", _export_name(assessment, "csv"))


# History ---------------------------------------------------------------------------


@require_http_methods(["GET"])
def history(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    user = actor(request)
    organisation = access_history_organisation(user, organisation_pk)
    assessments = selectors.organisation_history(user, organisation)
    objectives = selectors.overview_objective_numbers()
    timeline = [(a, [selectors.ratings_by_number(a).get(n) for n, _ in objectives]) for a in assessments]
    compare_form = CompareForm(assessments=assessments)
    return render(
        request,
        "self_assessment/history.html",
        {
            "organisation": organisation,
            "timeline": timeline,
            "objectives": objectives,
            "compare_form": compare_form,
            "can_compare": len(assessments) >= 2,
        },
    )


@require_http_methods(["GET"])
def compare(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    user = actor(request)
    organisation = access_history_organisation(user, organisation_pk)
    assessments = selectors.organisation_history(user, organisation)
    form = CompareForm(request.GET or None, assessments=assessments)
    diff = None
    before = after = None
    if form.is_valid():
        by_pk = {a.pk: a for a in assessments}
        before, after = by_pk[int(form.cleaned_data["before"])], by_pk[int(form.cleaned_data["after"])]
        diff = selectors.compare_assessments(before, after)
    return render(
        request,
        "self_assessment/compare.html",
        {"organisation": organisation, "form": form, "diff": diff, "before": before, "after": after},
    )


# Partnership overview --------------------------------------------------------------------


def _overview_rows(
    request: HttpRequest,
) -> tuple[OverviewFilterForm, list[selectors.OverviewRow], dict[str, str]]:
    form = OverviewFilterForm(request.GET or None)
    filters = form.filters()
    rows = selectors.overview_rows(actor(request), sector=filters["sector"], district=filters["district"])
    return form, rows, filters


@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponse:
    require(actor(request), Action.VIEW_SELF_ASSESSMENT_OVERVIEW)
    form, rows, _ = _overview_rows(request)
    objectives = selectors.overview_objective_numbers()
    return render(
        request,
        "self_assessment/overview.html",
        {
            "form": form,
            "rows": [(row, row.rating_cells([n for n, _ in objectives])) for row in rows],
            "objectives": objectives,
            "query": request.GET.urlencode(),
            "today": clock.today(),
        },
    )


@require_http_methods(["GET"])
def overview_csv(request: HttpRequest) -> FileResponse:
    require(actor(request), Action.VIEW_SELF_ASSESSMENT_OVERVIEW)
    _, rows, filters = _overview_rows(request)
    content = services.overview_export(actor=actor(request), rows=rows, filters=filters)
    return _attachment(
        content, "text/csv; charset=utf-8", f"prevent-self-assessment-overview-{clock.today()}.csv"
    )


# Template ---------------------------------------------------------------------------


@require_http_methods(["GET"])
def template_detail(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.LIST_SELF_ASSESSMENTS)
    return render(
        request,
        "self_assessment/template.html",
        {
            "template": selectors.current_template(),
            "versions": selectors.template_versions(),
            "can_publish": can(user, Action.PUBLISH_SELF_ASSESSMENT_TEMPLATE),
            "scale": [(Rating(r).label, RATING_DESCRIPTIONS[r]) for r in Rating],
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def template_publish(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.PUBLISH_SELF_ASSESSMENT_TEMPLATE)
    template = selectors.current_template()
    form = PublishTemplateForm(request.POST if request.method == "POST" else None, template=template)
    if request.method == "POST" and form.is_valid():
        version = submit(form, services.template_publish, actor=user, **form.changes())
        if version is not None:
            messages.success(request, f"Version {version.number} of the template published")
            return redirect("self_assessment:template")
    return render(request, "self_assessment/template_publish.html", {"form": form, "template": template})
