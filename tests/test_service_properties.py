"""Property-based tests of every form of the service and the service behind
it (issue 15, part 5).

For every form class of the service (found by walking prevent.*; a new form
without an entry in FORMS fails `test_every_form_has_an_entry`), hypothesis
sends data made of plausible values, hostile text (control and hidden
characters, lone surrogates, 60,001 characters), odd date parts, wrong
choices and missing keys. The form must answer with errors or be valid,
never raise. For a form with a write behind it, the service is then called
as its view calls it (through `core.view_helpers.submit`), and:

- a refusal (the form's errors, from the form or the service's
  ValidationError) leaves every table's row count unchanged, the audit log
  included: no half write;
- an accepted form wrote something and recorded at least one audit event.

Each example runs in a savepoint rolled back afterwards, over one World
(tests/builders.py) built for the module. Kept small: a few examples per
form, no deadline."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prevent.accounts import user_admin_forms as UA
from prevent.accounts.services import users as user_services
from prevent.channel import forms as CF
from prevent.channel import services as C
from prevent.channel.models import ApprovedProvider
from prevent.concerns import forms as F
from prevent.concerns import selectors as concern_selectors
from prevent.concerns import services as concern_services
from prevent.concerns import steps as S
from prevent.concerns.forms.triage import ConcernTypeChoice
from prevent.concerns.models import Concern, Referral
from prevent.concerns.tests.conftest import make_draft
from prevent.core.forms import has_hidden_characters
from prevent.core.view_helpers import submit
from prevent.guidance import forms as GF
from prevent.guidance import services as guidance_services
from prevent.notifications import forms as NF
from prevent.notifications import services as notification_services
from prevent.self_assessment import forms as SAF
from prevent.self_assessment import services as SA
from prevent.training import forms as TF
from prevent.training import services as T
from tests.builders import World, kept_for_the_module
from tests.service_properties import Case, form_classes, form_data, row_counts

pytestmark = pytest.mark.django_db

EXAMPLES = 6
AUDIT_TABLE = "audit_auditevent"


def _plain(cls: type) -> Callable[[Any, Any], Any]:
    return lambda w, d: cls(d)


def _type_choice(concern: Concern) -> dict[str, Any]:
    return {"concern_types": concern_selectors.guidance_concern_types(), "current": concern.concern_type}


def _school_referral(w: World) -> Referral:
    return Referral.objects.filter(concern__organisation=w.school).order_by("pk").first()  # type: ignore[return-value]


# form class -> how to bind it and call its service.
FORMS: dict[str, Case] = {
    # Concerns: triage, the record, referrals.
    "prevent.concerns.forms.triage.DecisionForm": Case(
        bind=lambda w, d: F.DecisionForm(d, **_type_choice(w.awaiting)),
        service=lambda w, f: submit(
            f,
            concern_services.triage_record_decision,
            actor=w.people["spoc"],
            concern=w.awaiting,
            pyramid_level=int(f.cleaned_data["pyramid_level"]),
            rationale=f.cleaned_data["rationale"],
            referrals=[],
            concern_type=f.chosen_type(),  # type: ignore[attr-defined]
        ),
    ),
    "prevent.concerns.forms.triage.CloseForm": Case(
        bind=lambda w, d: F.CloseForm(d, **_type_choice(w.awaiting)),
        service=lambda w, f: submit(
            f,
            concern_services.triage_close_no_further_action,
            actor=w.people["spoc"],
            concern=w.awaiting,
            reason=f.cleaned_data["reason"],
            concern_type=f.chosen_type(),  # type: ignore[attr-defined]
        ),
    ),
    "prevent.concerns.forms.triage.RequestInformationForm": Case(
        bind=_plain(F.RequestInformationForm),
        service=lambda w, f: submit(
            f,
            concern_services.triage_request_more_information,
            actor=w.people["spoc"],
            concern=w.awaiting,
            **f.cleaned_data,
        ),
    ),
    "prevent.concerns.forms.triage.AddendumForm": Case(
        bind=lambda w, d: F.AddendumForm(d, sections=S.addendum_sections()),
        service=lambda w, f: submit(
            f,
            concern_services.concern_add_addendum,
            actor=w.people["practitioner"],
            concern=w.awaiting,
            **f.cleaned_data,
        ),
    ),
    "prevent.concerns.forms.triage.AnswerForm": Case(
        bind=_plain(F.AnswerForm),
        prepare=lambda w: concern_services.triage_request_more_information(
            actor=w.people["spoc"], concern=w.awaiting, question="Where was it seen?"
        ),
        service=lambda w, f: submit(
            f,
            concern_services.concern_answer_question,
            actor=w.people["practitioner"],
            concern=Concern.objects.get(pk=w.awaiting.pk),  # as asked in `prepare`
            **f.cleaned_data,
        ),
    ),
    "prevent.concerns.forms.triage.ReferralUpdateForm": Case(
        bind=_plain(F.ReferralUpdateForm),
        service=lambda w, f: submit(
            f,
            concern_services.referral_update_status,
            actor=w.people["spoc"],
            referral=_school_referral(w),
            **f.cleaned_data,
        ),
    ),
    "prevent.concerns.forms.triage.ReferralInformationForm": Case(
        bind=_plain(F.ReferralInformationForm),
        service=lambda w, f: submit(
            f,
            concern_services.referral_add_information,
            actor=w.people["spoc"],
            referral=_school_referral(w),
            **f.cleaned_data,
        ),
    ),
    "prevent.concerns.forms.triage.ReferralForm": Case(
        bind=_plain(F.ReferralForm),
        reason="one referral of the triage decision: sent with DecisionForm's service by the view",
    ),
    "prevent.concerns.forms.triage.ConcernTypeChoice": Case(
        bind=lambda w, d: ConcernTypeChoice(d, **_type_choice(w.awaiting)),
        reason="the base of CloseForm and DecisionForm (their services above)",
    ),
    "prevent.concerns.forms.triage.LinkPersonForm": Case(
        bind=lambda w, d: F.LinkPersonForm(d, matches=[]),
        reason="a choice among possible matches; linking is tested in prevent/concerns/tests",
    ),
    "prevent.concerns.forms.triage.OrganisationConcernsForm": Case(
        bind=lambda w, d: F.OrganisationConcernsForm(d, recorders=[(w.people["practitioner"].pk, "Pat")]),
        reason="a filter of a list: no write",
    ),
    "prevent.concerns.forms.steps.AttachmentForm": Case(
        bind=_plain(F.AttachmentForm),
        reason="a file upload: prevent/core/tests (check_upload) and concerns tests",
    ),
    # Channel.
    "prevent.channel.forms.gateway.ExternalReferralForm": Case(
        bind=_plain(CF.ExternalReferralForm),
        service=lambda w, f: submit(
            f,
            C.gateway_log_external_referral,
            actor=w.people["police"],
            person=C.ExternalPerson(
                f.cleaned_data["full_name"],
                f.cleaned_data["date_of_birth"],
                f.cleaned_data["address"],
                f.cleaned_data["postcode"],
            ),
            external_source=f.cleaned_data["external_source"],
            external_detail=f.cleaned_data["external_detail"],
            summary=f.cleaned_data["summary"],
            received_on=f.cleaned_data["received_on"],
        ),
    ),
    "prevent.channel.forms.consent.ConsentForm": Case(
        bind=_plain(CF.ConsentForm),
        service=lambda w, f: submit(
            f,
            C.consent_record,
            actor=w.people["coordinator"],
            case=w.case,
            data=C.ConsentInput(**f.cleaned_data),
        ),
    ),
    "prevent.channel.forms.support.ProviderForm": Case(
        bind=_plain(CF.ProviderForm),
        service=lambda w, f: submit(f, C.provider_add, actor=w.people["coordinator"], **f.cleaned_data),
    ),
    "prevent.channel.forms.support.ProgressForm": Case(
        bind=_plain(CF.ProgressForm),
        service=lambda w, f: submit(
            f,
            C.intervention_add_progress,
            actor=w.people["coordinator"],
            intervention=w.intervention,
            **f.cleaned_data,
        ),
    ),
    "prevent.channel.forms.support.InterventionForm": Case(
        bind=lambda w, d: CF.InterventionForm(d, providers=ApprovedProvider.objects.all()),
        service=lambda w, f: submit(
            f, C.intervention_add, actor=w.people["coordinator"], case=w.case, **f.cleaned_data
        ),
    ),
    "prevent.channel.forms.cases.SafeguardingLinkForm": Case(
        bind=_plain(CF.SafeguardingLinkForm),
        service=lambda w, f: submit(
            f, C.case_add_safeguarding_link, actor=w.people["coordinator"], case=w.case, **f.cleaned_data
        ),
    ),
    "prevent.channel.forms.panels.ScheduleForm": Case(
        bind=_plain(CF.ScheduleForm),
        service=lambda w, f: submit(f, C.panel_generate_schedule, actor=w.people["chair"], **f.cleaned_data),
    ),
    "prevent.channel.forms.panels.MeetingDetailsForm": Case(
        bind=_plain(CF.MeetingDetailsForm),
        service=lambda w, f: submit(
            f, C.panel_update_details, actor=w.people["chair"], meeting=w.meeting, **f.cleaned_data
        ),
    ),
    "prevent.channel.forms.exit.ClosingReportForm": Case(
        bind=_plain(CF.ClosingReportForm),
        service=lambda w, f: submit(
            f, C.closing_report_complete, actor=w.people["chair"], case=w.exited, **f.cleaned_data
        ),
    ),
    "prevent.channel.forms.exit.ReviewForm": Case(
        bind=_plain(CF.ReviewForm),
        service=lambda w, f: submit(
            f, C.post_exit_review_record, actor=w.people["coordinator"], review=w.review, **f.cleaned_data
        ),
    ),
    "prevent.channel.forms.decisions.SupersedeForm": Case(
        bind=_plain(CF.SupersedeForm),
        service=lambda w, f: submit(
            f, C.decision_supersede, actor=w.people["chair"], decision=w.pending_decision, **f.cleaned_data
        ),
    ),
    # Self-assessment.
    "prevent.self_assessment.forms.DetailsForm": Case(
        bind=_plain(SAF.DetailsForm),
        service=lambda w, f: submit(
            f,
            SA.assessment_update_details,
            actor=w.people["spoc"],
            assessment=w.assessment_draft,
            **f.cleaned_data,
        ),
    ),
    "prevent.self_assessment.forms.ActionForm": Case(
        bind=_plain(SAF.ActionForm),
        service=lambda w, f: submit(
            f,
            SA.action_save,
            actor=w.people["spoc"],
            assessment=w.assessment_draft,
            objective=w.objective,
            **f.cleaned_data,
        ),
    ),
    # Training.
    "prevent.training.forms.CourseForm": Case(
        bind=_plain(TF.CourseForm),
        service=lambda w, f: submit(f, T.course_create, actor=w.people["coordinator"], **f.cleaned_data),
    ),
    "prevent.training.forms.TrainerForm": Case(
        bind=_plain(TF.TrainerForm),
        service=lambda w, f: submit(
            f, T.trainer_accredit, actor=w.people["coordinator"], email=f.cleaned_data["email"]
        ),
    ),
    # Accounts.
    "prevent.accounts.user_admin_forms.UserCreateForm": Case(
        bind=_plain(UA.UserCreateForm),
        service=lambda w, f: submit(
            f,
            user_services.user_create,
            actor=w.people["admin"],
            base_url="https://prevent.example/",
            **f.cleaned_data,
        ),
    ),
    "prevent.accounts.user_admin_forms.UserDetailsForm": Case(
        bind=lambda w, d: UA.UserDetailsForm(d, current_organisation=w.school),
        service=lambda w, f: submit(
            f,
            user_services.user_update,
            actor=w.people["admin"],
            user=w.people["practitioner"],
            **f.cleaned_data,
        ),
    ),
    # Guidance and notifications.
    "prevent.guidance.forms.ConcernTypeAddForm": Case(
        bind=_plain(GF.ConcernTypeAddForm),
        service=lambda w, f: submit(
            f,
            guidance_services.concern_type_add,
            actor=w.people["coordinator"],
            label=f.cleaned_data["label"],
        ),
    ),
    "prevent.notifications.forms.PreferenceForm": Case(
        bind=_plain(NF.PreferenceForm),
        service=lambda w, f: submit(
            f, notification_services.notification_preference_set, actor=w.people["spoc"], **f.cleaned_data
        ),
        # Choosing what is already chosen (the default included) is no change to record.
        quiet_when_unchanged=True,
    ),
}

# The step forms of the concern journey: bound through the steps registry
# and saved as the step view saves them (test_concern_step_saves_only_valid_answers).
STEP_FORMS = {f"{s.form.__module__}.{s.form.__qualname__}" for s in S.STEPS if s.form is not None}
FORMS.update(
    {
        "prevent.concerns.forms.steps.StepForm": Case(
            bind=_plain(F.StepForm), reason="the base of the step forms (concern steps test)"
        ),
    }
)

# Forms not yet paired with their service here, and forms with no write
# (filters, searches, sign-in): the form alone must never raise. Each says
# where its service is tested.
NOT_PAIRED = {
    "prevent.accounts.forms.SignInForm": "sign-in (django-axes): prevent/accounts/tests",
    "prevent.accounts.forms.CodeForm": "second factor: prevent/accounts/tests",
    "prevent.accounts.forms.SetUpCodeForm": "second factor set-up: prevent/accounts/tests",
    "prevent.accounts.forms.GovUKPasswordResetForm": "Django's password reset: prevent/accounts/tests",
    "prevent.accounts.forms.GovUKSetPasswordForm": "Django's password reset: prevent/accounts/tests",
    "prevent.accounts.user_admin_forms.UserRolesForm": "roles: prevent/accounts/tests",
    "prevent.accounts.user_admin_forms.UserFilterForm": "a filter: no write",
    "prevent.accounts.user_admin_forms.RoleGrantRefuseForm": "role requests: prevent/accounts/tests",
    "prevent.api.forms.IssueTokenForm": "API tokens: prevent/api/tests",
    "prevent.api.forms.WebhookForm": "webhooks: prevent/api/tests",
    "prevent.audit.forms.AuditFilterForm": "a filter: no write",
    "prevent.channel.forms._fields.DateForm": "a base of date forms",
    "prevent.channel.forms.assessment.VAFForm": "needs the framework's dimensions: prevent/channel/tests",
    "prevent.channel.forms.decisions.DecisionForm": "panel decisions: prevent/channel/tests",
    "prevent.channel.forms.gateway.GatewayAssessmentForm": "gateway assessment: prevent/channel/tests",
    "prevent.channel.forms.information.AnswerForm": "information requests: prevent/channel/tests",
    "prevent.channel.forms.information.InformationRequestForm": "information requests: prevent/channel/tests",
    "prevent.channel.forms.panels.ActionForm": "panel actions: prevent/channel/tests",
    "prevent.channel.forms.panels.AgendaAddForm": "agenda: prevent/channel/tests",
    "prevent.channel.forms.panels.AttendanceForm": "attendance: prevent/channel/tests",
    "prevent.channel.forms.panels.MembersForm": "members: prevent/channel/tests",
    "prevent.channel.forms.panels.MinutesForm": "minutes: prevent/channel/tests",
    "prevent.channel.forms.panels.NotesForm": "notes: prevent/channel/tests",
    "prevent.channel.forms.support.InterventionChangeForm": "interventions: prevent/channel/tests",
    "prevent.channel.forms.support.InterventionEndForm": "interventions: prevent/channel/tests",
    "prevent.core.admin_forms.LocalAreaSettingsForm": "local area settings: prevent/core/tests",
    "prevent.core.admin_forms.OrganisationArchiveForm": "organisations: prevent/core/tests",
    "prevent.core.admin_forms.OrganisationFilterForm": "a filter: no write",
    "prevent.core.admin_forms.OrganisationForm": "organisations: prevent/core/tests",
    "prevent.core.forms.GovUKForm": "the base of every form",
    "prevent.core.forms.GovUKModelForm": "the base of model forms",
    "prevent.guidance.forms.SearchForm": "a search: no write",
    "prevent.guidance.forms.EmergencyForm": "guidance wording: prevent/guidance/tests",
    "prevent.guidance.forms.PersonForm": "guidance wording: prevent/guidance/tests",
    "prevent.guidance.forms.HoursForm": "guidance wording: prevent/guidance/tests",
    "prevent.guidance.forms.FactorWordingForm": "guidance wording: prevent/guidance/tests",
    "prevent.guidance.forms.KeyQuestionWordingForm": "guidance wording: prevent/guidance/tests",
    "prevent.guidance.forms.InfluenceWordingForm": "guidance wording: prevent/guidance/tests",
    "prevent.guidance.forms.ConcernTypeWordingForm": "guidance wording: prevent/guidance/tests",
    "prevent.home.chronology_forms.ChronologyFilterForm": "a filter: no write",
    "prevent.people.forms.SearchForm": "a search: no write",
    "prevent.people.forms.PeopleFilterForm": "a filter: no write",
    "prevent.people.forms.ReasonForm": "merge and restriction reasons: prevent/people/tests",
    "prevent.people.forms.RestrictForm": "restriction: prevent/people/tests",
    "prevent.people.forms.BreakGlassForm": "break glass: prevent/people/tests",
    "prevent.privacy.forms.RuleForm": "retention rules: prevent/privacy/tests",
    "prevent.privacy.forms.KeepForm": "retention review: prevent/privacy/tests",
    "prevent.privacy.forms.DisposeForm": "retention review: prevent/privacy/tests",
    "prevent.reporting.forms.PeriodForm": "a period filter: no write",
    "prevent.self_assessment.forms.StartForm": "starting an assessment: prevent/self_assessment/tests",
    "prevent.self_assessment.forms.ObjectiveForm": "needs a section: prevent/self_assessment/tests",
    "prevent.self_assessment.forms.PublishTemplateForm": "needs a template: prevent/self_assessment/tests",
    "prevent.self_assessment.forms.OverviewFilterForm": "a filter: no write",
    "prevent.self_assessment.forms.CompareForm": "a comparison: no write",
    "prevent.training.forms.DeclareForm": "needs a certificate upload: prevent/training/tests",
    "prevent.training.forms.DecideForm": "completions: prevent/training/tests",
    "prevent.training.forms.SessionForm": "sessions: prevent/training/tests",
    "prevent.training.forms.AttendanceForm": "attendance: prevent/training/tests",
    "prevent.training.forms.PlanForm": "training plans: prevent/training/tests",
    "prevent.training.forms.ImportForm": "a file upload: prevent/training/tests",
}
# Forms that cannot be bound without context the World would have to make up.
NEEDS_CONTEXT = {
    "prevent.channel.forms.assessment.VAFForm",
    "prevent.channel.forms.gateway.GatewayAssessmentForm",
    "prevent.channel.forms.information.InformationRequestForm",
    "prevent.channel.forms.panels.ActionForm",
    "prevent.channel.forms.panels.AgendaAddForm",
    "prevent.channel.forms.panels.AttendanceForm",
    "prevent.channel.forms.panels.MembersForm",
    "prevent.people.forms.RestrictForm",
    "prevent.self_assessment.forms.ObjectiveForm",
    "prevent.self_assessment.forms.PublishTemplateForm",
    "prevent.self_assessment.forms.CompareForm",
    "prevent.training.forms.SessionForm",
    "prevent.training.forms.AttendanceForm",
    "prevent.training.forms.PlanForm",
    "prevent.training.forms.ImportForm",
    "prevent.audit.forms.AuditFilterForm",
    "prevent.core.forms.GovUKModelForm",
    "prevent.accounts.forms.SignInForm",
    "prevent.accounts.forms.CodeForm",
    "prevent.accounts.forms.SetUpCodeForm",
    "prevent.accounts.forms.GovUKSetPasswordForm",
}


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            built = World()
        yield built


def _rolled_back(body: Callable[[], None]) -> None:
    """Run `body` in a savepoint that is always rolled back."""
    try:
        with transaction.atomic():
            body()
            raise _RollBack
    except _RollBack:
        pass


class _RollBack(Exception):
    pass


def test_every_form_has_an_entry() -> None:
    known = set(FORMS) | set(NOT_PAIRED) | STEP_FORMS
    missing = sorted(set(form_classes()) - known)
    assert not missing, f"Add these forms to FORMS (with their service) or NOT_PAIRED: {missing}"
    stale = sorted(known - set(form_classes()))
    assert not stale, f"No longer forms of the service: {stale}"


def _check_service(world: World, case: Case, data: Any) -> None:
    if case.prepare is not None:
        case.prepare(world)
    before = row_counts()
    form = case.bind(world, data)
    assert case.service is not None
    if form.is_valid():  # as the views: an invalid form is not submitted
        case.service(world, form)
    after = row_counts()
    if form.errors:
        changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
        assert not changed, f"refused ({form.errors.as_data()}) but stored: {changed}"
    elif not case.quiet_when_unchanged:
        assert after[AUDIT_TABLE] > before[AUDIT_TABLE], "an accepted form wrote no audit event"


@pytest.mark.parametrize("name", sorted(n for n, c in FORMS.items() if c.service is not None))
def test_a_form_and_its_service_refuse_cleanly_or_write(world: World, name: str) -> None:
    case = FORMS[name]
    probe = case.bind(world, None)

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(data=form_data(probe))
    def run(data: Any) -> None:
        _rolled_back(lambda: _check_service(world, case, data))

    run()


BIND_ONLY = sorted(
    [n for n, c in FORMS.items() if c.service is None]
    + [n for n in NOT_PAIRED if n not in NEEDS_CONTEXT and n not in FORMS]
)


@pytest.mark.parametrize("name", BIND_ONLY)
def test_a_form_without_its_service_here_answers_with_errors_or_valid(world: World, name: str) -> None:
    """Bound with hostile data, the form is valid or has errors: it never
    raises, and a valid text value has no hidden characters."""
    cls = form_classes()[name]
    case = FORMS.get(name)
    bind = case.bind if case else _plain(cls)
    probe = bind(world, None)

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(data=form_data(probe))
    def run(data: Any) -> None:
        form = bind(world, data)
        if form.is_valid():
            for value in form.cleaned_data.values():
                assert not (isinstance(value, str) and has_hidden_characters(value))

    run()


@pytest.mark.parametrize("slug", [s.slug for s in S.STEPS if s.form is not None])
def test_concern_step_saves_only_valid_answers(world: World, slug: str) -> None:
    """Each step of the concern journey, saved as its view saves it: valid
    answers complete the step; anything else leaves it not completed with
    only what validated kept (no hidden characters stored); and submitting
    the draft then either submits it or is refused with nothing stored."""
    practitioner = world.people["practitioner"]
    draft = make_draft(practitioner)
    definition = S.STEPS_BY_SLUG[slug]
    probe = definition.make_form(draft, None)

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(data=form_data(probe), then_submit=st.booleans())
    def run(data: Any, then_submit: bool) -> None:
        def body() -> None:
            concern = Concern.objects.get(pk=draft.pk)
            form = definition.make_form(concern, data)
            valid = form.is_valid()
            concern = concern_services.concern_save_step(
                actor=practitioner,
                concern=concern,
                step=slug,
                answers=F.step_answers(form),
                cleaned=form.result() if valid and isinstance(form, F.StepForm) else None,
            )
            concern.refresh_from_db()
            assert (slug in (concern.completed_steps or [])) == (
                valid and S.step_for(concern, slug) is not None
            )
            for values in (concern.answers or {}).get(slug, {}).values():
                for value in values:
                    assert not has_hidden_characters(value)
            if then_submit:
                before = row_counts()
                try:
                    concern_services.concern_submit(actor=practitioner, concern=concern)
                except ValidationError:
                    assert row_counts() == before
                else:
                    concern.refresh_from_db()
                    assert concern.submitted_at is not None

        _rolled_back(body)

    run()
