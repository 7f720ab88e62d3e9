"""Who may list, see, start, edit and oversee Prevent self-assessments: the
one place for self-assessment access.

SPOCs work on their own organisation's assessments; Prevent Coordinators
see every organisation's (and publish the template, see the overview), but
edit none. Each object rule sits beside its scope (the same condition as a
Q), and views look records up with the `access_*` functions below, which
answer 404 for a record that is missing or out of scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404

from prevent.accounts.roles import Role
from prevent.core.models import Organisation
from prevent.policy import Action, access, parse_pk, require, rule, scope

from .models import Assessment, AssessmentStatus, EvidenceFile

if TYPE_CHECKING:
    from prevent.accounts.models import User
    from prevent.policy.engine import AnyUser

NOTHING = Q(pk__in=[])


def _coordinator(user: User) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


def _spoc_organisation(user: User) -> int | None:
    """The SPOC's own organisation's id; None for anyone else."""
    if user.organisation_id is not None and user.has_role(Role.SPOC):
        return user.organisation_id
    return None


@rule(Action.LIST_SELF_ASSESSMENTS)
def _list_self_assessments(user: User, obj: None) -> bool:
    return _coordinator(user) or _spoc_organisation(user) is not None


# Assessments ---------------------------------------------------------------------------


@rule(Action.VIEW_SELF_ASSESSMENT)
def _view_self_assessment(user: User, assessment: Assessment | None) -> bool:
    if assessment is None:
        return False
    return _coordinator(user) or assessment.organisation_id == _spoc_organisation(user)


@scope(Action.VIEW_SELF_ASSESSMENT, "self_assessment.Assessment")
def _assessments_visible(user: User) -> Q:
    if _coordinator(user):
        return Q()
    organisation_id = _spoc_organisation(user)
    return Q(organisation_id=organisation_id) if organisation_id is not None else NOTHING


@rule(Action.EDIT_SELF_ASSESSMENT)
def _edit_self_assessment(user: User, assessment: Assessment | None) -> bool:
    if assessment is None or assessment.status != AssessmentStatus.DRAFT:
        return False
    return assessment.organisation_id == _spoc_organisation(user)


@scope(Action.EDIT_SELF_ASSESSMENT, "self_assessment.Assessment")
def _assessments_editable(user: User) -> Q:
    organisation_id = _spoc_organisation(user)
    if organisation_id is None:
        return NOTHING
    return Q(organisation_id=organisation_id, status=AssessmentStatus.DRAFT)


# Evidence files --------------------------------------------------------------------------


@rule(Action.VIEW_SELF_ASSESSMENT_EVIDENCE)
def _view_evidence(user: User, evidence: EvidenceFile | None) -> bool:
    if evidence is None:
        return False
    return _view_self_assessment(user, evidence.answer.assessment)


@scope(Action.VIEW_SELF_ASSESSMENT_EVIDENCE, "self_assessment.EvidenceFile")
def _evidence_visible(user: User) -> Q:
    if _coordinator(user):
        return Q()
    organisation_id = _spoc_organisation(user)
    return Q(answer__assessment__organisation_id=organisation_id) if organisation_id is not None else NOTHING


# Organisations: starting an assessment, the history of one ----------------------------------


@rule(Action.START_SELF_ASSESSMENT)
def _start_self_assessment(user: User, organisation: Organisation | None) -> bool:
    """organisation: the one the assessment is for (None: "may start any")."""
    organisation_id = _spoc_organisation(user)
    if organisation_id is None:
        return False
    return organisation is None or organisation.pk == organisation_id


@scope(Action.START_SELF_ASSESSMENT, "core.Organisation")
def _organisations_to_start(user: User) -> Q:
    organisation_id = _spoc_organisation(user)
    return Q(pk=organisation_id) if organisation_id is not None else NOTHING


@rule(Action.VIEW_SELF_ASSESSMENT_HISTORY)
def _view_history(user: User, organisation: Organisation | None) -> bool:
    if organisation is None:
        return False
    return _coordinator(user) or organisation.pk == _spoc_organisation(user)


@scope(Action.VIEW_SELF_ASSESSMENT_HISTORY, "core.Organisation")
def _history_visible(user: User) -> Q:
    if _coordinator(user):
        return Q()
    organisation_id = _spoc_organisation(user)
    return Q(pk=organisation_id) if organisation_id is not None else NOTHING


# The partnership's view ---------------------------------------------------------------------


@rule(Action.VIEW_SELF_ASSESSMENT_OVERVIEW)
def _view_self_assessment_overview(user: User, obj: None) -> bool:
    return _coordinator(user)


@rule(Action.PUBLISH_SELF_ASSESSMENT_TEMPLATE)
def _publish_self_assessment_template(user: User, obj: None) -> bool:
    return _coordinator(user)


# Lookups for the views ------------------------------------------------------------------------


def access_assessment(user: AnyUser, pk: object, action: Action = Action.VIEW_SELF_ASSESSMENT) -> Assessment:
    """The assessment `pk`: 404 when the user may not see it (missing or
    another organisation's); then, for another `action` (EDIT_...), 403
    when they may see it but not do that (a submitted one, a coordinator)."""
    assessment = access(
        user,
        Action.VIEW_SELF_ASSESSMENT,
        pk,
        Assessment.objects.select_related("organisation", "template_version"),
    )
    if action != Action.VIEW_SELF_ASSESSMENT:
        require(user, action, assessment)
    return assessment


def access_evidence_file(user: AnyUser, pk: object) -> EvidenceFile:
    """The evidence file `pk` if the user may see its assessment; else 404."""
    return access(
        user,
        Action.VIEW_SELF_ASSESSMENT_EVIDENCE,
        pk,
        EvidenceFile.objects.select_related("answer__assessment__organisation"),
    )


def access_history_organisation(user: AnyUser, pk: object) -> Organisation:
    """The organisation whose assessments the user may list: 404 when there
    is no such organisation, 403 for someone who sees no self-assessments
    at all, 404 for another organisation's (a SPOC's)."""
    organisations = Organisation.objects.all()
    if not organisations.filter(pk=parse_pk(pk)).exists():
        raise Http404
    require(user, Action.LIST_SELF_ASSESSMENTS)
    return access(user, Action.VIEW_SELF_ASSESSMENT_HISTORY, pk, organisations)
