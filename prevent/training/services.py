"""Every write to training records. Each service asks the policy first,
then writes and records its audit event in one transaction; emails go
through prevent.core.notify (after the commit, links only)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse

from prevent.audit.services import changes_between, record_event
from prevent.core import clock
from prevent.core.models import Organisation, Sector
from prevent.core.notify import notify
from prevent.core.uploads import CheckedUpload, UploadMessages, check_upload, formats
from prevent.policy import Action, require

from .import_services import (  # noqa: F401  (re-exported: the services of training are here)
    staff_import,
    staff_import_confirm,
    staff_import_start,
)
from .models import (
    AccreditedTrainer,
    Completion,
    CompletionSource,
    CompletionStatus,
    Course,
    CourseKind,
    JobGroup,
    Requirement,
)
from .session_services import (  # noqa: F401  (re-exported: the services of training are here)
    booking_cancel,
    session_book,
    session_cascade,
    session_record_attendance,
    session_schedule,
)

if TYPE_CHECKING:
    from prevent.accounts.models import User

CERTIFICATE_FORMATS = formats("pdf", "png", "jpg", "jpeg")
CERTIFICATE_MAX_BYTES = 10 * 1024 * 1024
CERTIFICATE_MESSAGES = UploadMessages(
    empty="The selected certificate is empty",
    too_big="The selected certificate must be smaller than {size}",
    type="The selected certificate must be a PDF, PNG or JPG",
    content="The selected certificate's content does not match its {extension} extension",
)


def check_certificate(upload: Any) -> CheckedUpload:
    return check_upload(
        upload, allowed=CERTIFICATE_FORMATS, max_bytes=CERTIFICATE_MAX_BYTES, messages=CERTIFICATE_MESSAGES
    )


# Courses ---------------------------------------------------------------------------------

COURSE_FIELDS = ("title", "kind", "mode", "refresher_months", "link", "description")


def _course_snapshot(course: Course) -> dict[str, Any]:
    return {name: getattr(course, name) for name in COURSE_FIELDS}


def _clean_course(course: Course) -> None:
    if course.mode != "face_to_face" and not course.link and course.mode == "online":
        raise ValidationError({"link": "Enter the link to the online course"})
    clash = Course.objects.filter(title__iexact=course.title).exclude(pk=course.pk)
    if clash.exists():
        raise ValidationError({"title": "A course with this title already exists"})


def course_create(*, actor: User, **values: Any) -> Course:
    require(actor, Action.MANAGE_TRAINING_COURSES)
    with transaction.atomic():
        course = Course(**{k: values[k] for k in COURSE_FIELDS if k in values})
        _clean_course(course)
        course.save()
        record_event(
            actor=actor,
            action="training_course_created",
            summary=f"Added the training course {course.title}",
            obj=course,
            changes=changes_between({}, _course_snapshot(course)),
        )
        return course


def course_update(*, actor: User, course: Course, **values: Any) -> Course:
    require(actor, Action.MANAGE_TRAINING_COURSES, course)
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course.pk)
        before = _course_snapshot(course)
        for name in COURSE_FIELDS:
            if name in values:
                setattr(course, name, values[name])
        _clean_course(course)
        changes = changes_between(before, _course_snapshot(course))
        if changes:
            course.save()
            record_event(
                actor=actor,
                action="training_course_updated",
                summary=f"Changed the training course {course.title}",
                obj=course,
                changes=changes,
            )
        return course


def course_retire(*, actor: User, course: Course) -> Course:
    """Retire (never delete): no longer offered; its records stay."""
    require(actor, Action.MANAGE_TRAINING_COURSES, course)
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course.pk)
        if course.retired_at is not None:
            raise ValidationError("This course is already retired")
        course.retired_at, course.retired_by = clock.now(), actor
        course.save(update_fields=["retired_at", "retired_by"])
        record_event(
            actor=actor,
            action="training_course_retired",
            summary=f"Retired the training course {course.title}",
            obj=course,
            changes={"retired": {"before": False, "after": True}},
        )
        return course


def course_restore(*, actor: User, course: Course) -> Course:
    require(actor, Action.MANAGE_TRAINING_COURSES, course)
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course.pk)
        if course.retired_at is None:
            raise ValidationError("This course is not retired")
        course.retired_at, course.retired_by = None, None
        course.save(update_fields=["retired_at", "retired_by"])
        record_event(
            actor=actor,
            action="training_course_restored",
            summary=f"Restored the training course {course.title}",
            obj=course,
            changes={"retired": {"before": True, "after": False}},
        )
        return course


# Completions -----------------------------------------------------------------------------


def completion_declare(
    *, actor: User, course: Course, completed_on: dt.date, certificate: UploadedFile
) -> Completion:
    """The member of staff says they completed a course, with its
    certificate (PDF or image, checked by content); their SPOC confirms."""
    require(actor, Action.DECLARE_TRAINING_COMPLETION)
    organisation_id = actor.organisation_id
    if organisation_id is None:  # the rule refuses it too
        raise PermissionDenied
    try:
        checked = check_certificate(certificate)
    except ValidationError as error:
        raise ValidationError({"certificate": error.messages}) from error
    with transaction.atomic():
        if course.retired_at is not None:
            raise ValidationError({"course": "Select a course that is not retired"})
        if completed_on > clock.today():
            raise ValidationError({"completed_on": "The date you completed the course must be in the past"})
        completion = Completion(
            user=actor,
            organisation_id=organisation_id,
            course=course,
            completed_on=completed_on,
            valid_until=course.valid_until(completed_on),
            source=CompletionSource.DECLARED,
            status=CompletionStatus.PENDING,
            certificate_name=checked.name,
            certificate_type=checked.content_type,
            certificate_sha256=checked.sha256,
            recorded_by=actor,
        )
        completion.certificate.save("certificate", certificate, save=False)
        completion.save()
        record_event(
            actor=actor,
            action="training_completion_declared",
            summary=f"Declared completing {course.title} with a certificate",
            obj=completion,
            changes={"completed_on": {"before": None, "after": completed_on.isoformat()}},
        )
        notify(
            recipients=_confirmers_of(actor, completion.organisation_id),
            template="training/email/completion_declared",
            link_path=reverse("training:completion-detail", args=[completion.pk]),
        )
        return completion


def _spocs_of(organisation_id: int | None, *, exclude: int | None = None) -> list[Any]:
    from prevent.accounts.roles import Role
    from prevent.core.notify import active_users_with_role

    if organisation_id is None:
        return []
    users = active_users_with_role(Role.SPOC, organisation=organisation_id)
    return list(users.exclude(pk=exclude) if exclude else users)


def _confirmers_of(declarer: User, organisation_id: int | None) -> list[Any]:
    """Who may confirm the declarer's completion: their organisation's other
    SPOCs, and when the declarer is a SPOC the Prevent Coordinators too."""
    from prevent.accounts.roles import Role
    from prevent.core.notify import active_users_with_role

    recipients = _spocs_of(organisation_id, exclude=declarer.pk)
    if declarer.has_role(Role.SPOC):
        known = {u.pk for u in recipients}
        recipients += [
            u
            for u in active_users_with_role(Role.PREVENT_COORDINATOR).exclude(pk=declarer.pk)
            if u.pk not in known
        ]
    return recipients


def completion_decide(*, actor: User, completion: Completion, confirm: bool) -> Completion:
    """A SPOC of the organisation (or, for a SPOC's own, a coordinator)
    confirms a declared completion or does not; never the declarer."""
    require(actor, Action.CONFIRM_TRAINING_COMPLETION, completion, hide=True)
    with transaction.atomic():
        completion = (
            Completion.objects.select_for_update(of=("self",)).select_related("course").get(pk=completion.pk)
        )
        require(actor, Action.CONFIRM_TRAINING_COMPLETION, completion, hide=True)
        completion.status = CompletionStatus.CONFIRMED if confirm else CompletionStatus.REFUSED
        completion.decided_by, completion.decided_at = actor, clock.now()
        completion.save(update_fields=["status", "decided_by", "decided_at"])
        record_event(
            actor=actor,
            action="training_completion_confirmed" if confirm else "training_completion_refused",
            summary=("Confirmed" if confirm else "Did not confirm") + f" a completion of {completion.course}",
            obj=completion,
            changes={"status": {"before": CompletionStatus.PENDING, "after": completion.status}},
        )
        notify(
            recipients=[completion.user],
            template="training/email/completion_decided",
            link_path=reverse("training:completion-detail", args=[completion.pk]),
            context={"confirmed": confirm},
        )
        return completion


def certificate_downloaded(*, actor: User, completion: Completion) -> None:
    require(actor, Action.VIEW_TRAINING_COMPLETION, completion, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="training_certificate_downloaded",
            summary="Downloaded a training certificate",
            obj=completion,
        )


# Sessions --------------------------------------------------------------------------------


# By sector, which kinds of course each job group needs (the SPOC adjusts).
DEFAULT_PLAN: dict[str, dict[str, tuple[str, ...]]] = {
    "education": {
        JobGroup.ALL_STAFF: (CourseKind.WRAP, CourseKind.CHANNEL_PACKAGE),
        JobGroup.SPOC: (CourseKind.LEAD,),
        JobGroup.SAFEGUARDING_LEADS: (CourseKind.LEAD,),
    },
    "default": {
        JobGroup.ALL_STAFF: (CourseKind.WRAP, CourseKind.CHANNEL_PACKAGE),
        JobGroup.MANAGERS: (CourseKind.NATIONAL,),
        JobGroup.SPOC: (CourseKind.LEAD,),
        JobGroup.SAFEGUARDING_LEADS: (CourseKind.LEAD,),
    },
}


EDUCATION = {Sector.SCHOOL, Sector.FURTHER_EDUCATION, Sector.HIGHER_EDUCATION}


def default_plan(organisation: Organisation) -> dict[str, list[Course]]:
    """{job group: courses} for the organisation's sector (first course of each kind)."""
    plan = DEFAULT_PLAN["education" if organisation.sector in EDUCATION else "default"]
    first: dict[str, Course] = {}
    for course in Course.objects.filter(retired_at__isnull=True).order_by("pk"):
        first.setdefault(course.kind, course)
    return {group: [first[k] for k in kinds if k in first] for group, kinds in plan.items()}


def plan_set(*, actor: User, organisation: Organisation, plan: dict[str, list[Course]]) -> None:
    """Replace the organisation's plan: {job group: the courses it needs}."""
    require(actor, Action.MANAGE_TRAINING_PLAN, organisation)
    with transaction.atomic():
        current = Requirement.objects.filter(organisation=organisation)
        before = sorted(f"{r.job_group}:{r.course_id}" for r in current)
        after = sorted({f"{group}:{c.pk}" for group, courses in plan.items() for c in courses})
        if before == after:
            return
        current.delete()
        Requirement.objects.bulk_create(
            Requirement(organisation=organisation, job_group=g, course_id=int(c))
            for g, c in (item.split(":") for item in after)
        )
        record_event(
            actor=actor,
            action="training_plan_changed",
            summary=f"Changed the training plan of {organisation.name}",
            obj=organisation,
            changes={"requirements": {"before": before, "after": after}},
        )


def compliance_exported(*, actor: User, organisation: Organisation | None) -> None:
    if organisation is None:
        require(actor, Action.VIEW_PARTNERSHIP_TRAINING_COMPLIANCE)
    else:
        require(actor, Action.VIEW_TRAINING_COMPLIANCE, organisation)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="training_compliance_exported",
            summary="Exported training compliance"
            + (f" of {organisation.name}" if organisation else " across the partnership"),
            obj=organisation,
        )


# Accredited trainers (ADR 0012) ------------------------------------------------------------


def trainer_accredit(*, actor: User, email: str) -> AccreditedTrainer:
    """Record that the user with this email address is an accredited WRAP trainer."""
    from prevent.accounts.models import User as UserModel

    require(actor, Action.MANAGE_TRAINING_COURSES)
    with transaction.atomic():
        user = UserModel.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise ValidationError({"email": "Enter the email address of an active user of this service"})
        trainer = AccreditedTrainer.objects.select_for_update().filter(user=user).first()
        if trainer is not None and trainer.retired_at is None:
            raise ValidationError({"email": "This user is already an accredited trainer"})
        if trainer is None:
            trainer = AccreditedTrainer.objects.create(user=user, accredited_by=actor)
        else:
            trainer.retired_at, trainer.accredited_by = None, actor
            trainer.save(update_fields=["retired_at", "accredited_by"])
        record_event(
            actor=actor,
            action="training_trainer_accredited",
            summary=f"Recorded {user.email} as an accredited trainer",
            obj=trainer,
        )
        return trainer


def trainer_retire(*, actor: User, trainer: AccreditedTrainer) -> AccreditedTrainer:
    require(actor, Action.MANAGE_TRAINING_COURSES)
    with transaction.atomic():
        trainer = (
            AccreditedTrainer.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=trainer.pk)
        )
        if trainer.retired_at is not None:
            raise ValidationError("This trainer is already retired")
        trainer.retired_at = clock.now()
        trainer.save(update_fields=["retired_at"])
        record_event(
            actor=actor,
            action="training_trainer_retired",
            summary=f"Retired {trainer.user.email} as an accredited trainer",
            obj=trainer,
        )
        return trainer
