"""Who may do what with training records: the one place for training access.

Staff see their own records; SPOCs their organisation's; Prevent
Coordinators all; accredited trainers (a record, not a role: ADR 0008) the
attendance of the sessions they deliver. Each object rule sits beside its
scope, and views look records up with the `access_*` helpers below (404 for
a record that is missing or out of scope)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404

from prevent.accounts.models import UserRole
from prevent.accounts.roles import Role
from prevent.core.models import Organisation
from prevent.policy import Action, access, parse_pk, require, rule, scope

from .models import AccreditedTrainer, Completion, CompletionStatus, Course, StaffImport, TrainingSession

if TYPE_CHECKING:
    from prevent.accounts.models import User

NOTHING = Q(pk__in=[])


def is_coordinator(user: User) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


def spoc_organisation(user: User) -> int | None:
    """The SPOC's own organisation's id; None for anyone else."""
    if user.organisation_id is not None and user.has_role(Role.SPOC):
        return user.organisation_id
    return None


def is_accredited_trainer(user: User) -> bool:
    """An active accredited trainer (asked once per request and user)."""
    cached = user.__dict__.get("_training_trainer")
    if cached is None:
        cached = AccreditedTrainer.objects.filter(user_id=user.pk, retired_at__isnull=True).exists()
        user.__dict__["_training_trainer"] = cached
    return bool(cached)


# Pages open to every signed-in user ------------------------------------------------


@rule(Action.VIEW_OWN_TRAINING)
def _view_own_training(user: User, obj: None) -> bool:
    return True


@rule(Action.VIEW_TRAINING_COURSES)
def _view_training_courses(user: User, obj: None) -> bool:
    return True


@rule(Action.MANAGE_TRAINING_COURSES)
def _manage_training_courses(user: User, obj: Course | None) -> bool:
    return is_coordinator(user)


def access_course(user: User, pk: object) -> Course:
    """A course the coordinator manages (403 for anyone else), else 404."""
    require(user, Action.MANAGE_TRAINING_COURSES)
    course = Course.objects.filter(pk=parse_pk(pk)).first()
    if course is None:
        raise Http404
    return course


def access_trainer(user: User, pk: object) -> AccreditedTrainer:
    """An accredited trainer record a coordinator manages (403 for anyone else), else 404."""
    require(user, Action.MANAGE_TRAINING_COURSES)
    trainer = AccreditedTrainer.objects.select_related("user").filter(pk=parse_pk(pk)).first()
    if trainer is None:
        raise Http404
    return trainer


# Completions ---------------------------------------------------------------------------


@rule(Action.DECLARE_TRAINING_COMPLETION)
def _declare_training_completion(user: User, obj: None) -> bool:
    return user.organisation_id is not None


@rule(Action.VIEW_TRAINING_COMPLETION)
def _view_training_completion(user: User, completion: Completion | None) -> bool:
    if completion is None:
        return False
    if completion.user_id == user.pk or is_coordinator(user):
        return True
    return completion.organisation_id == spoc_organisation(user)


@scope(Action.VIEW_TRAINING_COMPLETION, "training.Completion")
def _completions_visible(user: User) -> Q:
    if is_coordinator(user):
        return Q()
    organisation_id = spoc_organisation(user)
    own = Q(user_id=user.pk)
    return own | Q(organisation_id=organisation_id) if organisation_id is not None else own


@rule(Action.CONFIRM_TRAINING_COMPLETION)
def _confirm_training_completion(user: User, completion: Completion | None) -> bool:
    """A declared completion is confirmed by a SPOC of its organisation, or,
    when the member of staff is a SPOC themselves (who may be their
    organisation's only one), by a Prevent Coordinator too; never by the
    person who declared it (ADR 0012). Without a completion: whether the
    user confirms any (the "Training to confirm" page)."""
    if completion is None:
        return spoc_organisation(user) is not None or is_coordinator(user)
    if completion.status != CompletionStatus.PENDING or completion.user_id == user.pk:
        return False
    if completion.organisation_id == spoc_organisation(user):
        return True
    return is_coordinator(user) and completion.user.has_role(Role.SPOC)


@scope(Action.CONFIRM_TRAINING_COMPLETION, "training.Completion")
def _completions_to_confirm(user: User) -> Q:
    organisation_id = spoc_organisation(user)
    mine = Q(organisation_id=organisation_id) if organisation_id is not None else NOTHING
    if is_coordinator(user):  # a subquery, not a join: one row per completion
        mine |= Q(user_id__in=UserRole.objects.filter(role=Role.SPOC).values("user_id"))
    return Q(status=CompletionStatus.PENDING) & mine & ~Q(user_id=user.pk)


def access_completion(user: User, pk: object, action: Action = Action.VIEW_TRAINING_COMPLETION) -> Completion:
    completions = Completion.objects.select_related("user", "course", "organisation", "decided_by")
    completion = access(user, Action.VIEW_TRAINING_COMPLETION, pk, completions)
    if action != Action.VIEW_TRAINING_COMPLETION:
        require(user, action, completion, hide=True)
    return completion


# Sessions ------------------------------------------------------------------------------


@rule(Action.VIEW_TRAINING_SESSIONS)
def _view_training_sessions(user: User, obj: None) -> bool:
    return True


@rule(Action.VIEW_TRAINING_SESSION)
def _view_training_session(user: User, session: TrainingSession | None) -> bool:
    if session is None:
        return False
    if is_coordinator(user) or session.trainer_id == user.pk:
        return True
    return session.open_to_id is None or session.open_to_id == user.organisation_id


@scope(Action.VIEW_TRAINING_SESSION, "training.TrainingSession")
def _sessions_visible(user: User) -> Q:
    if is_coordinator(user):
        return Q()
    open_to = Q(open_to__isnull=True)
    if user.organisation_id is not None:
        open_to |= Q(open_to_id=user.organisation_id)
    return open_to | Q(trainer_id=user.pk)


@rule(Action.SCHEDULE_TRAINING_SESSIONS)
def _schedule_training_sessions(user: User, obj: None) -> bool:
    return is_coordinator(user) or is_accredited_trainer(user)


@rule(Action.BOOK_TRAINING_SESSION)
def _book_training_session(user: User, session: TrainingSession | None) -> bool:
    if session is None or session.attendance_recorded_at is not None:
        return False
    if user.organisation_id is None:
        return False
    return session.open_to_id is None or session.open_to_id == user.organisation_id


@rule(Action.RECORD_TRAINING_ATTENDANCE)
def _record_training_attendance(user: User, session: TrainingSession | None) -> bool:
    if session is None:
        return False
    return session.trainer_id == user.pk or is_coordinator(user)


@scope(Action.RECORD_TRAINING_ATTENDANCE, "training.TrainingSession")
def _sessions_to_record(user: User) -> Q:
    return Q() if is_coordinator(user) else Q(trainer_id=user.pk)


@rule(Action.CASCADE_TRAINING_SESSION)
def _cascade_training_session(user: User, session: TrainingSession | None) -> bool:
    organisation_id = spoc_organisation(user)
    if session is None or organisation_id is None or session.attendance_recorded_at is not None:
        return False
    return session.open_to_id is None or session.open_to_id == organisation_id


def access_session(user: User, pk: object, action: Action = Action.VIEW_TRAINING_SESSION) -> TrainingSession:
    sessions = TrainingSession.objects.select_related("course", "trainer", "open_to")
    session = access(user, Action.VIEW_TRAINING_SESSION, pk, sessions)
    if action != Action.VIEW_TRAINING_SESSION:
        require(user, action, session)
    return session


# Organisations: the plan and compliance -----------------------------------------------


@rule(Action.VIEW_TRAINING_COMPLIANCE)
def _view_training_compliance(user: User, organisation: Organisation | None) -> bool:
    if organisation is None:
        return is_coordinator(user) or spoc_organisation(user) is not None
    return is_coordinator(user) or organisation.pk == spoc_organisation(user)


@scope(Action.VIEW_TRAINING_COMPLIANCE, "core.Organisation")
def _compliance_visible(user: User) -> Q:
    if is_coordinator(user):
        return Q()
    organisation_id = spoc_organisation(user)
    return Q(pk=organisation_id) if organisation_id is not None else NOTHING


@rule(Action.VIEW_PARTNERSHIP_TRAINING_COMPLIANCE)
def _view_partnership_training_compliance(user: User, obj: None) -> bool:
    return is_coordinator(user)


@rule(Action.MANAGE_TRAINING_PLAN)
def _manage_training_plan(user: User, organisation: Organisation | None) -> bool:
    if organisation is None:
        return spoc_organisation(user) is not None
    return organisation.pk == spoc_organisation(user)


@scope(Action.MANAGE_TRAINING_PLAN, "core.Organisation")
def _plans_managed(user: User) -> Q:
    organisation_id = spoc_organisation(user)
    return Q(pk=organisation_id) if organisation_id is not None else NOTHING


def access_organisation(user: User, pk: object, action: Action) -> Organisation:
    return access(user, action, pk, Organisation.objects.all())


# Staff import and staff accounts (ADR 0026) ------------------------------------------


def _adds_staff_to(user: User, organisation: Organisation | None) -> bool:
    """An administrator, for any organisation not archived; a SPOC, for their
    own. Without an organisation: whether the user adds staff to any."""
    administrator = user.has_role(Role.ADMINISTRATOR)
    own = spoc_organisation(user)
    if organisation is None:
        return administrator or own is not None
    if not organisation.is_active:
        return False
    return administrator or organisation.pk == own


def _organisations_staffed(user: User) -> Q:
    if user.has_role(Role.ADMINISTRATOR):
        return Q(archived_at__isnull=True)
    own = spoc_organisation(user)
    return Q(pk=own, archived_at__isnull=True) if own is not None else NOTHING


@rule(Action.IMPORT_TRAINING_STAFF)
def _import_training_staff(user: User, organisation: Organisation | None) -> bool:
    """Importing a staff list creates role-less accounts in the organisation
    (CREATE_STAFF_ACCOUNT below), so the same people may do it."""
    return _adds_staff_to(user, organisation)


@scope(Action.IMPORT_TRAINING_STAFF, "core.Organisation")
def _organisations_importable(user: User) -> Q:
    return _organisations_staffed(user)


@rule(Action.CREATE_STAFF_ACCOUNT)
def _create_staff_account(user: User, organisation: Organisation | None) -> bool:
    """The rule prevent.accounts' staff_accounts_create asks: a SPOC adds
    accounts to their own organisation only; those accounts hold no role (a
    case role is only ever requested, for a second person: ADR 0007), so the
    SPOC gives nobody access to case content. Administrators may too."""
    return _adds_staff_to(user, organisation)


@scope(Action.CREATE_STAFF_ACCOUNT, "core.Organisation")
def _organisations_staff_added_to(user: User) -> Q:
    return _organisations_staffed(user)


@rule(Action.VIEW_STAFF_IMPORT)
def _view_staff_import(user: User, staff_import: StaffImport | None) -> bool:
    """An import's progress and preview: the person who uploaded it, while
    they may still import for its organisation."""
    if staff_import is None:
        return _adds_staff_to(user, None)
    return staff_import.requested_by_id == user.pk and _adds_staff_to(user, staff_import.organisation)


@scope(Action.VIEW_STAFF_IMPORT, "training.StaffImport")
def _staff_imports_visible(user: User) -> Q:
    return Q(
        requested_by_id=user.pk, organisation__in=Organisation.objects.filter(_organisations_staffed(user))
    )


def access_staff_import(user: User, pk: object) -> StaffImport:
    return access(user, Action.VIEW_STAFF_IMPORT, pk, StaffImport.objects.select_related("organisation"))
