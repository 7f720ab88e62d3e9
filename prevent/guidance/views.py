"""The practice guidance pages, the "How to report a concern" pathway and the
coordinator's wording pages.

Thin views: the policy decides access, forms parse input, selectors read and
services write. Every page works without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from prevent.accounts.models import User
from prevent.core.models import LocalAreaSettings
from prevent.core.once import once_per_submission
from prevent.core.versioning import submit_versioned
from prevent.core.view_helpers import actor, submit
from prevent.policy import Action, can, require

from . import pathway, selectors, services
from .concern_types import is_official_concern_type
from .forms import (
    ConcernTypeAddForm,
    ConcernTypeWordingForm,
    EmergencyForm,
    FactorWordingForm,
    HoursForm,
    InfluenceWordingForm,
    KeyQuestionWordingForm,
    PersonForm,
    SearchForm,
)
from .models import ConcernType, GuidanceEntry, GuidancePage, Influence, KeyQuestion, VulnerabilityFactor
from .rules import access_guidance_entry

# Where the concern form lives (built by the concerns feature).
RECORD_CONCERN_PATH = "/concerns/new/"


def _contents(current: str, *, pages: list[GuidancePage] | None = None) -> list[dict[str, Any]]:
    """The "Contents" side navigation: every part of the guidance."""
    if pages is None:
        pages = list(selectors.current_pages())
    items = [
        ("how-to-report", "How to report a concern", reverse("guidance:how-to-report")),
        (
            "vulnerability-factors",
            "Vulnerability factors and key questions",
            reverse("guidance:vulnerability-factors"),
        ),
        ("influences", "Internal and external influences", reverse("guidance:influences")),
        ("pyramid", "The Prevent pyramid", reverse("guidance:pyramid")),
    ]
    items += [(p.slug, p.title, reverse("guidance:page", args=[p.slug])) for p in pages]
    return [
        {"key": key, "title": title, "href": href, "current": key == current} for key, title, href in items
    ]


# Reading the guidance -------------------------------------------------------------


@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_GUIDANCE)
    search_form = SearchForm(request.GET)
    query = search_form.query()
    results = selectors.search(query) if "q" in request.GET else None
    pages = list(selectors.current_pages())
    return render(
        request,
        "guidance/index.html",
        {
            "search_form": search_form,
            "query": query,
            "results": results,
            "pages": pages,
            "contents": _contents("index", pages=pages),
            "on_index": True,
            "can_edit": can(request.user, Action.EDIT_GUIDANCE),
        },
    )


@require_http_methods(["GET"])
def vulnerability_factors(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_GUIDANCE)
    return render(
        request,
        "guidance/vulnerability_factors.html",
        {
            "areas": list(selectors.areas_with_factors_and_questions()),
            "contents": _contents("vulnerability-factors"),
        },
    )


@require_http_methods(["GET"])
def influences(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_GUIDANCE)
    return render(
        request,
        "guidance/influences.html",
        {"influences": list(selectors.current_influences()), "contents": _contents("influences")},
    )


@require_http_methods(["GET"])
def pyramid(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_GUIDANCE)
    levels = sorted(selectors.pyramid_levels(), key=lambda level: -level.level)
    return render(
        request,
        "guidance/pyramid.html",
        {"levels": levels, "contents": _contents("pyramid"), "local_area": LocalAreaSettings.load()},
    )


@require_http_methods(["GET"])
def page(request: HttpRequest, slug: str) -> HttpResponse:
    require(request.user, Action.VIEW_GUIDANCE)
    guidance_page = selectors.current_page(slug=slug)
    if guidance_page is None:
        raise Http404
    return render(request, "guidance/page.html", {"page": guidance_page, "contents": _contents(slug)})


# How to report a concern (Appendix 2) -------------------------------------------

# The questions in order: (answer name, form, "Change" link label).
QUESTIONS: list[tuple[str, type[Form], str]] = [
    ("emergency", EmergencyForm, "whether it is an emergency"),
    ("person", PersonForm, "whether the person is a child or an adult"),
    ("hours", HoursForm, "whether it is during office hours"),
]


def _pathway_url(answers: dict[str, str]) -> str:
    base = reverse("guidance:how-to-report")
    return f"{base}?{urlencode(answers)}" if answers else base


@require_http_methods(["GET"])
def how_to_report(request: HttpRequest) -> HttpResponse:
    """One question a page, as GET links and forms so it works without
    JavaScript and can be bookmarked. Each page's form carries the earlier
    answers as hidden fields and names its step, so a missing answer is
    told apart from a question not yet asked."""
    require(request.user, Action.VIEW_GUIDANCE)
    step = request.GET.get("step", "")
    answers: dict[str, str] = {}
    back_href = reverse("guidance:index")
    for name, form_class, _label in QUESTIONS:
        submitted = step == name or name in request.GET
        form = form_class({name: request.GET.get(name, "")} if submitted else None)
        if not form.is_valid():
            return render(
                request,
                "guidance/how_to_report_question.html",
                {
                    "form": form,
                    "field": form[name],
                    "step": name,
                    "answers": answers,
                    "back_href": back_href,
                    "contents": _contents("how-to-report"),
                },
            )
        back_href = _pathway_url(answers)
        answers[name] = form.cleaned_data[name]
        if name == "emergency" and answers[name] == "yes":
            return _emergency_result(request, back_href=back_href)
    return _contacts_result(request, answers=answers, back_href=back_href)


def _emergency_result(request: HttpRequest, *, back_href: str) -> HttpResponse:
    return render(
        request,
        "guidance/how_to_report_emergency.html",
        {
            "local_area": LocalAreaSettings.load(),
            "back_href": back_href,
            "record_concern_href": RECORD_CONCERN_PATH,
            "contents": _contents("how-to-report"),
        },
    )


@dataclass(frozen=True)
class AnswerRow:
    question: str
    answer: str
    change_href: str
    change_label: str


def _contacts_result(request: HttpRequest, *, answers: dict[str, str], back_href: str) -> HttpResponse:
    settings = LocalAreaSettings.load()
    rows = []
    earlier: dict[str, str] = {}
    for name, form_class, label in QUESTIONS:
        field = form_class.base_fields[name]
        choices = dict(field.choices)  # type: ignore[attr-defined]
        rows.append(AnswerRow(str(field.label), str(choices[answers[name]]), _pathway_url(earlier), label))
        earlier[name] = answers[name]
    person = answers["person"]
    hours = answers["hours"]
    return render(
        request,
        "guidance/how_to_report_result.html",
        {
            "person": person,
            "out_of_hours": hours == pathway.OUT_OF_HOURS,
            "rows": rows,
            "social_care": pathway.social_care_contacts(settings, person=person, hours=hours),
            "police_prevent": pathway.police_prevent_contact(settings),
            "police_non_emergency": pathway.police_non_emergency_contact(settings),
            "not_set": pathway.NOT_SET,
            "back_href": back_href,
            "record_concern_href": RECORD_CONCERN_PATH,
            "contents": _contents("how-to-report"),
        },
    )


# Coordinator wording pages -------------------------------------------------------


@dataclass(frozen=True)
class EntryKind:
    slug: str
    model: type[GuidanceEntry]
    singular: str
    plural: str
    form_class: type[Form]
    fields: tuple[str, ...]
    grouped_by_area: bool = False
    # Coordinators may add entries of this kind, and delete unused ones they added.
    extendable: bool = False

    def entries(self) -> list[GuidanceEntry]:
        return selectors.guidance_entries(self.model)

    def update(self, *, actor: User, entry: GuidanceEntry, data: dict[str, Any]) -> GuidanceEntry:
        if isinstance(entry, VulnerabilityFactor):
            return services.vulnerability_factor_update(
                actor=actor, factor=entry, text=data["text"], version=data.get("version")
            )
        if isinstance(entry, KeyQuestion):
            return services.key_question_update(
                actor=actor, key_question=entry, text=data["text"], version=data.get("version")
            )
        if isinstance(entry, Influence):
            return services.influence_update(
                actor=actor,
                influence=entry,
                name=data["name"],
                description=data["description"],
                version=data.get("version"),
            )
        if isinstance(entry, ConcernType):
            return services.concern_type_update(
                actor=actor, concern_type=entry, label=data["label"], version=data.get("version")
            )
        raise TypeError(f"No wording service for {type(entry).__name__}")


ENTRY_KINDS: dict[str, EntryKind] = {
    kind.slug: kind
    for kind in (
        EntryKind(
            "vulnerability-factors",
            VulnerabilityFactor,
            "vulnerability factor",
            "Vulnerability factors",
            FactorWordingForm,
            ("text",),
            grouped_by_area=True,
        ),
        EntryKind(
            "key-questions",
            KeyQuestion,
            "key question",
            "Key questions",
            KeyQuestionWordingForm,
            ("text",),
            grouped_by_area=True,
        ),
        EntryKind(
            "influences", Influence, "influence", "Influences", InfluenceWordingForm, ("name", "description")
        ),
        EntryKind(
            "concern-types",
            ConcernType,
            "type of concern",
            "Types of concern",
            ConcernTypeWordingForm,
            ("label",),
            extendable=True,
        ),
    )
}


def _kind(slug: str) -> EntryKind:
    kind = ENTRY_KINDS.get(slug)
    if kind is None:
        raise Http404
    return kind


@require_http_methods(["GET"])
def manage(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.EDIT_GUIDANCE)
    return render(request, "guidance/manage/index.html", {"kinds": list(ENTRY_KINDS.values())})


@require_http_methods(["GET"])
def manage_list(request: HttpRequest, kind: str) -> HttpResponse:
    require(request.user, Action.EDIT_GUIDANCE)
    entry_kind = _kind(kind)
    entries = entry_kind.entries()
    official = {e.pk for e in entries if isinstance(e, ConcernType) and is_official_concern_type(e.code)}
    return render(
        request, "guidance/manage/list.html", {"kind": entry_kind, "entries": entries, "official": official}
    )


@require_http_methods(["GET", "POST"])
def manage_change(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    user = actor(request)
    require(user, Action.EDIT_GUIDANCE)
    entry_kind = _kind(kind)
    entry = access_guidance_entry(user, entry_kind.model, pk)
    initial = {name: getattr(entry, name) for name in entry_kind.fields}
    initial["version"] = entry.version
    form = entry_kind.form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = submit_versioned(form, entry_kind.update, actor=user, entry=entry, data=form.cleaned_data)
        if changed is not None:
            messages.success(request, f"The {entry_kind.singular} has been changed")
            return redirect("guidance:manage-list", kind=entry_kind.slug)
    return render(request, "guidance/manage/change.html", {"kind": entry_kind, "entry": entry, "form": form})


@require_http_methods(["GET", "POST"])
def manage_retire(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _retire_or_restore(request, kind, pk, retire=True)


@require_http_methods(["GET", "POST"])
def manage_restore(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _retire_or_restore(request, kind, pk, retire=False)


def _retire_or_restore(request: HttpRequest, kind: str, pk: int, *, retire: bool) -> HttpResponse:
    user = actor(request)
    require(user, Action.EDIT_GUIDANCE)
    entry_kind = _kind(kind)
    entry = access_guidance_entry(user, entry_kind.model, pk)
    if (entry.retired_at is not None) == retire:
        state = "already retired" if retire else "not retired"
        messages.info(request, f"This {entry_kind.singular} is {state}")
        return redirect("guidance:manage-list", kind=entry_kind.slug)
    if request.method == "POST":
        service = services.guidance_entry_retire if retire else services.guidance_entry_restore
        try:
            service(actor=user, entry=entry)
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
        else:
            verb = "retired" if retire else "restored"
            messages.success(request, f"The {entry_kind.singular} has been {verb}")
        return redirect("guidance:manage-list", kind=entry_kind.slug)
    return render(
        request, "guidance/manage/confirm.html", {"kind": entry_kind, "entry": entry, "retire": retire}
    )


# Types of concern: data a coordinator can extend ---------------------------------


@require_http_methods(["GET", "POST"])
@once_per_submission
def concern_type_add(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.EDIT_GUIDANCE)
    kind = ENTRY_KINDS["concern-types"]
    form = ConcernTypeAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        added = submit(form, services.concern_type_add, actor=user, label=form.cleaned_data["label"])
        if added is not None:
            messages.success(request, f"The type of concern '{added.label}' has been added")
            return redirect("guidance:manage-list", kind=kind.slug)
    return render(request, "guidance/manage/concern_type_add.html", {"kind": kind, "form": form})


@require_http_methods(["GET", "POST"])
def concern_type_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an unused type a coordinator added; for one in use (or an
    official category) the page says why not and offers retiring instead."""
    user = actor(request)
    kind = ENTRY_KINDS["concern-types"]
    concern_type = access_guidance_entry(user, ConcernType, pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.concern_type_delete(actor=user, concern_type=concern_type)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"The type of concern '{concern_type.label}' has been deleted")
            return redirect("guidance:manage-list", kind=kind.slug)
    reason = services.concern_type_deletable(concern_type, selectors.entry_uses(concern_type))
    return render(
        request,
        "guidance/manage/concern_type_delete.html",
        {"kind": kind, "entry": concern_type, "reason": reason, "errors": errors},
    )
