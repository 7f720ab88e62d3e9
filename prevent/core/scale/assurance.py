"""Organisations' self-assessments (Appendix 1) and training records:
staff job groups, the training plan, WRAP sessions with bookings,
accredited trainers, and completions (attended, or declared and waiting
for the SPOC, confirmed or not)."""

from __future__ import annotations

from datetime import time, timedelta

from prevent.accounts.roles import Role
from prevent.self_assessment import models as sa
from prevent.training import models as tr

from .plan import Context
from .writer import Table


def make_self_assessments(ctx: Context) -> None:
    rng = ctx.rng("self-assessment")
    version = sa.TemplateVersion.objects.order_by("-number").first()
    if version is None:
        return
    objectives = list(
        sa.Objective.objects.filter(version=version).order_by("number").values_list("pk", flat=True)
    )
    statements = list(
        sa.Statement.objects.filter(objective__version=version)
        .values_list("pk", "objective_id")
        .order_by("pk")
    )
    a = ctx.anchor
    assessments = Table(
        sa.Assessment,
        [
            "id",
            "organisation_id",
            "template_version_id",
            "assessor_names",
            "assessed_on",
            "review_due_on",
            "status",
            "started_by_id",
            "created_at",
            "updated_at",
            "submitted_at",
            "submitted_by_id",
        ],
        anchor=a,
        bar=ctx.progress.bar("self-assessments", len(ctx.organisations)),
    )
    answers = Table(sa.Answer, ["id", "assessment_id", "statement_id", "met", "note"], anchor=a)
    ratings = Table(sa.ObjectiveRating, ["id", "assessment_id", "objective_id", "suggested"], anchor=a)
    actions = Table(
        sa.AssessmentAction,
        ["id", "assessment_id", "objective_id", "description", "owner", "due_on", "status"],
        anchor=a,
    )
    spocs = set(ctx.users_by_role.get(Role.SPOC, []))
    ids = {"assessment": 0, "answer": 0, "rating": 0, "action": 0}
    for org in ctx.organisations:
        starters = [u for u in ctx.users_by_org.get(org, []) if u in spocs]
        if not starters or rng.random() < 0.25:
            continue
        kinds = ["submitted"] * rng.randrange(1, 3) + (["draft"] if rng.random() < 0.25 else [])
        for number, kind in enumerate(kinds):
            ids["assessment"] += 1
            assessment = ids["assessment"]
            created = ctx.moment(rng, after=ctx.start + timedelta(days=number * 365), within_days=300)
            submitted = kind == "submitted"
            assessments.add(
                assessment, org, version.pk, "Headteacher and DSL", created.date(),
                created.date() + timedelta(days=365), kind, starters[0], created, created,
                created + timedelta(days=7) if submitted else None, starters[0] if submitted else None,
            )  # fmt: skip
            met_share = rng.random()
            met_by_objective: dict[int, list[bool]] = {}
            for statement, objective in statements:
                ids["answer"] += 1
                met = None if (not submitted and rng.random() < 0.4) else rng.random() < met_share
                answers.add(ids["answer"], assessment, statement, met, "")
                met_by_objective.setdefault(objective, []).append(bool(met))
            for objective in objectives:
                ids["rating"] += 1
                marks = met_by_objective.get(objective, [])
                share = sum(marks) / len(marks) if marks else 0
                ratings.add(
                    ids["rating"],
                    assessment,
                    objective,
                    "green" if share == 1 else "amber" if share else "red",
                )
                if share < 1 and rng.random() < 0.5:
                    ids["action"] += 1
                    actions.add(
                        ids["action"], assessment, objective, "Update the Prevent risk assessment.", "DSL",
                        created.date() + timedelta(days=90), rng.choice([s.value for s in sa.ActionStatus]),
                    )  # fmt: skip
    ctx.count("self-assessments", assessments.close())
    ctx.count("self-assessment answers", answers.close())
    ctx.count("self-assessment ratings", ratings.close())
    ctx.count("self-assessment actions", actions.close())


def make_training(ctx: Context) -> None:
    rng = ctx.rng("training")
    a = ctx.anchor
    courses = list(tr.Course.objects.order_by("pk"))
    if not courses:
        return
    wrap = next((c for c in courses if c.kind == tr.CourseKind.WRAP), courses[0])
    all_users = sorted(ctx.user_label)
    group_of: dict[str, str] = {Role.SPOC: tr.JobGroup.SPOC, Role.CHANNEL_MEMBER: tr.JobGroup.PANEL_MEMBERS}
    profiles = Table(
        tr.StaffProfile,
        ["id", "user_id", "job_group"],
        anchor=a,
        bar=ctx.progress.bar("training", len(all_users)),
    )
    for user in all_users:
        roles = ctx.user_label[user][2]
        group = next((group_of[r] for r in roles if r in group_of), None)
        if group is None:
            group = rng.choices(
                [tr.JobGroup.ALL_STAFF, tr.JobGroup.MANAGERS, tr.JobGroup.SAFEGUARDING_LEADS], [85, 10, 5]
            )[0]
        profiles.add(user, user, group)
    ctx.count("staff profiles", profiles.close())
    requirements = Table(tr.Requirement, ["id", "organisation_id", "job_group", "course_id"], anchor=a)
    national = next((c for c in courses if c.kind == tr.CourseKind.NATIONAL), courses[0])
    lead = next((c for c in courses if c.kind == tr.CourseKind.LEAD), courses[-1])
    requirement = 0
    for org in ctx.organisations:
        for group, course in (
            (tr.JobGroup.ALL_STAFF, national),
            (tr.JobGroup.SPOC, lead),
            (tr.JobGroup.ALL_STAFF, wrap),
        ):
            if group == tr.JobGroup.ALL_STAFF and course == wrap and rng.random() < 0.5:
                continue
            requirement += 1
            requirements.add(requirement, org, group, course.pk)
    ctx.count("training requirements", requirements.close())
    # Accredited trainers and WRAP sessions with bookings.
    coordinators = ctx.users_by_role.get(Role.PREVENT_COORDINATOR, [])
    trainers_pool = coordinators + ctx.users_by_role.get(Role.SPOC, [])[: max(2, len(all_users) // 500)]
    trainers = Table(tr.AccreditedTrainer, ["id", "user_id", "accredited_by_id", "accredited_at"], anchor=a)
    for index, user in enumerate(dict.fromkeys(trainers_pool), start=1):
        trainers.add(index, user, coordinators[0] if coordinators else user, ctx.start)
    ctx.count("accredited trainers", trainers.close())
    sessions = Table(
        tr.TrainingSession,
        [
            "id",
            "course_id",
            "date",
            "start_time",
            "end_time",
            "venue",
            "trainer_id",
            "capacity",
            "created_by_id",
            "created_at",
            "attendance_recorded_at",
        ],
        anchor=a,
    )
    bookings = Table(tr.Booking, ["id", "session_id", "user_id", "status", "booked_at"], anchor=a)
    completions = Table(
        tr.Completion,
        [
            "id",
            "user_id",
            "organisation_id",
            "course_id",
            "completed_on",
            "valid_until",
            "source",
            "status",
            "session_id",
            "recorded_by_id",
            "recorded_at",
            "decided_by_id",
            "decided_at",
        ],
        anchor=a,
    )
    completion = booking = 0
    session_count = max(10, round(150 * ctx.plan.scale * 10)) if ctx.plan.scale < 0.1 else 150 * 10
    pool = list(dict.fromkeys(trainers_pool))
    for session in range(1, min(session_count, 1500) + 1):
        day = ctx.start.date() + timedelta(days=rng.randrange(0, 3 * 365 + 60))
        past = day < ctx.as_of
        trainer = rng.choice(pool)
        sessions.add(
            session, wrap.pk, day, time(9, 30), time(11, 0), "Training room", trainer, 20, trainer,
            ctx.start, a - timedelta(days=1) if past else None,
        )  # fmt: skip
        for user in rng.sample(all_users, min(len(all_users), rng.randrange(5, 19))):
            booking += 1
            status: str = (
                (tr.BookingStatus.ATTENDED if rng.random() < 0.9 else tr.BookingStatus.ABSENT)
                if past
                else tr.BookingStatus.BOOKED
            )
            bookings.add(booking, session, user, status, ctx.start)
            if status == tr.BookingStatus.ATTENDED and (member_of := ctx.user_label[user][1]) is not None:
                completion += 1
                completions.add(
                    completion, user, member_of, wrap.pk, day, wrap.valid_until(day),
                    tr.CompletionSource.ATTENDANCE,
                    tr.CompletionStatus.CONFIRMED, session, trainer, a - timedelta(days=1), None, None,
                )  # fmt: skip
    ctx.count("training sessions", sessions.close())
    ctx.count("training bookings", bookings.close())
    # Declared completions of online courses, mostly confirmed by the SPOC.
    online = [c for c in courses if c.mode != tr.CourseMode.FACE_TO_FACE] or courses
    spocs_by_org: dict[int, list[int | None]] = {
        o: [u for u in us if Role.SPOC in ctx.user_label[u][2]] for o, us in ctx.users_by_org.items()
    }
    for user in all_users:
        home = ctx.user_label[user][1]
        if home is None or rng.random() > 0.6:
            continue
        course = rng.choice(online)
        day = ctx.moment(rng).date()
        status = rng.choices(
            [tr.CompletionStatus.CONFIRMED, tr.CompletionStatus.PENDING, tr.CompletionStatus.REFUSED],
            [85, 12, 3],
        )[0]
        decider = (spocs_by_org.get(home) or [None])[0] if status != tr.CompletionStatus.PENDING else None
        completion += 1
        recorded = a - timedelta(days=(ctx.as_of - day).days)
        completions.add(
            completion, user, home, course.pk, day, course.valid_until(day), tr.CompletionSource.DECLARED,
            status if decider or status == tr.CompletionStatus.PENDING else tr.CompletionStatus.PENDING,
            None, user, recorded, decider, recorded + timedelta(days=2) if decider else None,
        )  # fmt: skip
    ctx.count("training completions", completions.close())
