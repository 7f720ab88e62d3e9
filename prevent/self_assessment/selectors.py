"""Reads, scoped to what the user may see, at a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from prevent.core import clock
from prevent.core.models import Organisation
from prevent.policy import Action, parse_pk, require, scoped

from .models import (
    ActionStatus,
    Answer,
    Assessment,
    AssessmentAction,
    AssessmentStatus,
    EvidenceFile,
    Objective,
    ObjectiveRating,
    Rating,
    Statement,
    TemplateVersion,
)
from .rating import StatementAnswer, suggestion_reason

if TYPE_CHECKING:
    from prevent.accounts.models import User


# Template ----------------------------------------------------------------------


def _with_structure(versions: QuerySet[TemplateVersion]) -> QuerySet[TemplateVersion]:
    return versions.prefetch_related(
        Prefetch(
            "objectives",
            queryset=Objective.objects.order_by("number").prefetch_related(
                Prefetch("statements", queryset=Statement.objects.order_by("position"))
            ),
        )
    )


def current_template() -> TemplateVersion:
    version = _with_structure(TemplateVersion.objects.order_by("-number")).first()
    if version is None:
        raise TemplateVersion.DoesNotExist("No self-assessment template has been published")
    return version


def template_versions() -> QuerySet[TemplateVersion]:
    return TemplateVersion.objects.select_related("published_by").order_by("-number")


# Assessments -----------------------------------------------------------------


def assessments_visible_to(user: User) -> QuerySet[Assessment]:
    return scoped(
        user,
        Action.VIEW_SELF_ASSESSMENT,
        Assessment.objects.select_related("organisation", "template_version"),
    )


def assessment_list_for(user: User) -> QuerySet[Assessment]:
    """The assessments the user may see with their ratings, to be paged (a
    page costs a count, the page and its ratings: three queries)."""
    return (
        assessments_visible_to(user)
        .select_related("organisation")
        .prefetch_related(Prefetch("ratings", queryset=ObjectiveRating.objects.select_related("objective")))
        .order_by("organisation__name", "-assessed_on", "-pk")
    )


def latest_submitted(organisation_id: int) -> Assessment | None:
    return (
        Assessment.objects.filter(organisation_id=organisation_id, status=AssessmentStatus.SUBMITTED)
        .order_by("-assessed_on", "-pk")
        .first()
    )


def organisation_to_start(user: User) -> Organisation | None:
    """The active organisation the user may start an assessment for (their
    own, for a SPOC), or None."""
    return scoped(user, Action.START_SELF_ASSESSMENT, Organisation.objects.active()).first()


def objective_of(assessment: Assessment, number: int) -> Objective:
    """Objective `number` of the assessment's template; 404 if there is none."""
    objective = Objective.objects.filter(version_id=assessment.template_version_id, number=number).first()
    if objective is None:
        raise Http404
    return objective


def section_of(assessment: Assessment, number: int) -> ObjectiveSection:
    for section in assessment_sections(assessment):
        if section.objective.number == number:
            return section
    raise Http404


def action_of(assessment: Assessment, objective: Objective, pk: object) -> AssessmentAction:
    """One action of the assessment's objective (the assessment already
    looked up with access_assessment); 404 for any other."""
    action = AssessmentAction.objects.filter(
        pk=parse_pk(pk), assessment=assessment, objective=objective
    ).first()
    if action is None:
        raise Http404
    return action


@dataclass
class StatementRow:
    statement: Statement
    answer: Answer | None
    files: list[EvidenceFile]
    suggestion: str = ""

    @property
    def met(self) -> bool | None:
        return self.answer.met if self.answer else None

    @property
    def note(self) -> str:
        return self.answer.note if self.answer else ""


@dataclass
class ObjectiveSection:
    objective: Objective
    rows: list[StatementRow]
    rating: ObjectiveRating | None
    actions: list[AssessmentAction] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for row in self.rows if row.met is not None)

    @property
    def met_count(self) -> int:
        return sum(1 for row in self.rows if row.met)

    @property
    def complete(self) -> bool:
        return self.answered == len(self.rows)

    @property
    def started(self) -> bool:
        return self.answered > 0 or bool(self.actions)

    @property
    def suggestion_reason(self) -> str:
        return suggestion_reason(StatementAnswer(row.met, row.note) for row in self.rows)


def assessment_sections(assessment: Assessment) -> list[ObjectiveSection]:
    """The assessment laid out like Appendix 1: six queries whatever its size."""
    objectives = list(
        Objective.objects.filter(version_id=assessment.template_version_id)
        .order_by("number")
        .prefetch_related(Prefetch("statements", queryset=Statement.objects.order_by("position")))
    )
    answers = {
        a.statement_id: a
        for a in Answer.objects.filter(assessment=assessment).prefetch_related(
            Prefetch("files", queryset=EvidenceFile.objects.order_by("uploaded_at", "pk"))
        )
    }
    ratings = {r.objective_id: r for r in ObjectiveRating.objects.filter(assessment=assessment)}
    actions: dict[int, list[AssessmentAction]] = {}
    for action in AssessmentAction.objects.filter(assessment=assessment).order_by("due_on", "pk"):
        actions.setdefault(action.objective_id, []).append(action)
    sections = []
    for objective in objectives:
        rows = []
        for statement in objective.statements.all():
            answer = answers.get(statement.pk)
            rows.append(StatementRow(statement, answer, list(answer.files.all()) if answer else []))
        sections.append(
            ObjectiveSection(objective, rows, ratings.get(objective.pk), actions.get(objective.pk, []))
        )
    return sections


# History -----------------------------------------------------------------------


def organisation_history(user: User, organisation: Organisation) -> list[Assessment]:
    """Every assessment of the organisation, newest first, with its ratings
    (two queries whatever the number of assessments)."""
    return list(
        assessments_visible_to(user)
        .filter(organisation=organisation)
        .prefetch_related(Prefetch("ratings", queryset=ObjectiveRating.objects.select_related("objective")))
        .order_by("-assessed_on", "-pk")
    )


def ratings_by_number(assessment: Assessment) -> dict[int, ObjectiveRating]:
    return {rating.objective.number: rating for rating in assessment.ratings.all()}


@dataclass
class StatementChange:
    key: str
    objective_number: int
    before: StatementRow | None
    after: StatementRow | None

    @property
    def changed(self) -> bool:
        if self.before is None or self.after is None:
            return True
        b, a = self.before, self.after
        return (b.statement.text, b.met, b.note, len(b.files)) != (
            a.statement.text,
            a.met,
            a.note,
            len(a.files),
        )


def compare_assessments(before: Assessment, after: Assessment) -> dict[str, Any]:
    """What changed between two assessments: statements matched by their
    stable key across template versions, ratings by objective number."""
    old = assessment_sections(before)
    new = assessment_sections(after)
    old_rows = {r.statement.key: (s.objective.number, r) for s in old for r in s.rows}
    new_rows = {r.statement.key: (s.objective.number, r) for s in new for r in s.rows}
    keys = list(dict.fromkeys([*old_rows, *new_rows]))
    statements = []
    for key in keys:
        number = (new_rows.get(key) or old_rows[key])[0]
        change = StatementChange(
            key,
            number,
            old_rows[key][1] if key in old_rows else None,
            new_rows[key][1] if key in new_rows else None,
        )
        if change.changed:
            statements.append(change)
    statements.sort(key=lambda c: c.objective_number)
    ratings = []
    old_ratings = {s.objective.number: s for s in old}
    for section in new:
        previous = old_ratings.get(section.objective.number)
        ratings.append((section.objective, previous.rating if previous else None, section.rating))
    old_actions = {(a.description, a.owner, a.due_on) for s in old for a in s.actions}
    new_actions = {(a.description, a.owner, a.due_on) for s in new for a in s.actions}
    return {
        "statements": statements,
        "ratings": ratings,
        "actions_added": [
            a for s in new for a in s.actions if (a.description, a.owner, a.due_on) not in old_actions
        ],
        "actions_gone": [
            a for s in old for a in s.actions if (a.description, a.owner, a.due_on) not in new_actions
        ],
    }


# Partnership overview ------------------------------------------------------------


@dataclass
class OverviewRow:
    organisation: Organisation
    latest: Assessment | None
    has_draft: bool
    ratings: dict[int, ObjectiveRating]
    overdue_actions: int

    @property
    def review_overdue(self) -> bool:
        return self.latest is not None and self.latest.review_due_on < clock.today()

    @property
    def flags(self) -> list[str]:
        flags = []
        if self.latest is None:
            flags.append("No assessment")
        if self.review_overdue:
            flags.append("Review overdue")
        if self.overdue_actions:
            flags.append(f"{self.overdue_actions} overdue action{'s' if self.overdue_actions != 1 else ''}")
        return flags

    def rating_cells(self, numbers: list[int]) -> list[ObjectiveRating | None]:
        return [self.ratings.get(n) for n in numbers]


def overview_rows(
    user: User, *, sector: str = "", district: str = "", today: date | None = None
) -> list[OverviewRow]:
    """Every active organisation with its latest submitted assessment's
    ratings: three queries whatever the number of organisations. Those with
    no assessment, an overdue review or overdue actions come first."""
    require(user, Action.VIEW_SELF_ASSESSMENT_OVERVIEW)
    today = today or clock.today()
    submitted = Assessment.objects.filter(organisation=OuterRef("pk"), status=AssessmentStatus.SUBMITTED)
    organisations = Organisation.objects.active().annotate(
        latest_id=Subquery(submitted.order_by("-assessed_on", "-pk").values("pk")[:1]),
        has_draft=Exists(
            Assessment.objects.filter(organisation=OuterRef("pk"), status=AssessmentStatus.DRAFT)
        ),
    )
    if sector:
        organisations = organisations.filter(sector=sector)
    if district:
        organisations = organisations.filter(district=district)
    organisations = organisations.order_by("name")
    orgs = list(organisations)
    latest_ids = [o.latest_id for o in orgs if o.latest_id]  # type: ignore[attr-defined]
    latest = {
        a.pk: a
        for a in Assessment.objects.filter(pk__in=latest_ids)
        .annotate(
            overdue=Count(
                "actions", filter=Q(actions__due_on__lt=today) & ~Q(actions__status=ActionStatus.DONE)
            )
        )
        .prefetch_related(Prefetch("ratings", queryset=ObjectiveRating.objects.select_related("objective")))
    }
    rows = []
    for org in orgs:
        assessment = latest.get(org.latest_id)  # type: ignore[attr-defined]
        rows.append(
            OverviewRow(
                organisation=org,
                latest=assessment,
                has_draft=bool(org.has_draft),  # type: ignore[attr-defined]
                ratings=ratings_by_number(assessment) if assessment else {},
                overdue_actions=getattr(assessment, "overdue", 0) if assessment else 0,
            )
        )
    rows.sort(key=lambda row: (not row.flags, row.organisation.name.lower()))
    return rows


def overview_objective_numbers() -> list[tuple[int, str]]:
    template = current_template()
    return [(o.number, o.title) for o in template.objectives.all()]


def rating_label(value: str) -> str:
    return Rating(value).label if value else ""
