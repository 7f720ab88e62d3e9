"""The concern journey: one registry of its steps.

Each `Step` says everything about a section of the concern form: its slug
and title (task list, check your answers, addendum sections), its form class
and the form's page template, whether it is required, when it applies (the
999 call only after "yes" to the emergency question), how a valid answer is
written to the concern (`apply`, called only by `services.concern_save_step`
inside its transaction), and the summary template the check your answers
and concern pages show. The step view, the save service, the check page and
the addendum form all read this list: a new step is one entry here, one
form and two templates.

Forms own shape and wording (what each field must look like, with its
GOV.UK message); the services own state and transitions.

The person is held once. While the concern is a draft the person's
identity as typed (name, other names, date of birth, address, postcode)
lives only in the draft's `person_*` columns. At submission it becomes a
Person row (prevent/people, `person_create`) and those columns are blanked:
from then on the concern's person is `concern.person` alone. The raw draft
answers (`Concern.answers`, kept so a step's page can show what was typed)
are cleared at submission too. What was reported about the person's
circumstances (approximate age, gender, district, school or employer, care
needs, services) stays on the concern: it describes the person at the time
of this concern, not their identity. So do the optional details the
statistics need (ethnic group, mental health needs, neurodivergence, an age
group when no age is known: prevent/concerns/demographics.py), and the age at
referral that submission works out from the date of birth."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models

from . import forms as F
from .models import (
    Concern,
    ConcernFactor,
    ConcernInfluence,
    ConcernKeyQuestionAnswer,
    YesNo,
)

if TYPE_CHECKING:
    from prevent.core.forms import GovUKForm

Apply = Callable[[Concern, dict[str, Any]], list[str]]


def _always(concern: Concern) -> bool:
    return True


def _no_kwargs(concern: Concern) -> dict[str, Any]:
    return {}


def fields_apply(*names: str) -> Apply:
    """Write these concern columns from the form's result; the names that changed."""

    def apply(concern: Concern, result: dict[str, Any]) -> list[str]:
        changed = []
        for name in names:
            model_field = concern._meta.get_field(name)
            value = result.get(name, _empty(model_field))
            if getattr(concern, name) != value:
                changed.append(name)
                setattr(concern, name, value)
        return changed

    return apply


def _empty(model_field: Any) -> Any:
    """What an unanswered optional field is stored as."""
    if isinstance(model_field, models.JSONField):
        return []
    if model_field.null:
        return None
    return ""


def _apply_factors(concern: Concern, result: dict[str, Any]) -> list[str]:
    concern.factors.all().delete()
    concern.key_question_answers.all().delete()
    ConcernFactor.objects.bulk_create(
        ConcernFactor(concern=concern, factor=f, note=note) for f, note in result["factors"]
    )
    ConcernKeyQuestionAnswer.objects.bulk_create(
        ConcernKeyQuestionAnswer(concern=concern, question=q, answer=a, note=note)
        for q, a, note in result["answers"]
    )
    return ["factors", "key_question_answers"]


def _apply_influences(concern: Concern, result: dict[str, Any]) -> list[str]:
    concern.influences.all().delete()
    ConcernInfluence.objects.bulk_create(
        ConcernInfluence(concern=concern, influence=i, details=d) for i, d in result["influences"]
    )
    return ["influences"]


def _areas(concern: Concern) -> dict[str, Any]:
    from .selectors import guidance_areas

    return {"areas": guidance_areas()}


def _influences(concern: Concern) -> dict[str, Any]:
    from .selectors import guidance_influences

    return {"influences": guidance_influences()}


def _concern_types(concern: Concern) -> dict[str, Any]:
    from .selectors import guidance_concern_types

    return {"concern_types": guidance_concern_types()}


def _emergency_call_context() -> dict[str, Any]:
    from prevent.core.models import LocalAreaSettings

    return {"local": LocalAreaSettings.load()}


def _after_yes(concern: Concern) -> bool:
    return concern.emergency == YesNo.YES


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    required: bool
    # The form of the step's page (None: the attachments page has its own).
    form: type[GovUKForm] | None
    apply: Apply
    applies: Callable[[Concern], bool] = _always
    form_kwargs: Callable[[Concern], dict[str, Any]] = _no_kwargs
    page_context: Callable[[], dict[str, Any]] = dict
    # The page shows the person's identity (an audited read).
    shows_person: bool = False
    # Offered as a section an addendum corrects or adds to.
    in_addendum: bool = True
    # The step a valid answer leads to next, when it applies and is not done.
    leads_to: str = ""
    summary: str = field(default="")

    @property
    def template(self) -> str:
        return f"concerns/steps/{self.slug.replace('-', '_')}.html"

    @property
    def summary_template(self) -> str:
        return self.summary or f"concerns/summary/{self.slug.replace('-', '_')}.html"

    def make_form(self, concern: Concern, data: Any = None) -> GovUKForm:
        if self.form is None:
            raise LookupError(f"The {self.slug} step has no form")
        return self.form(data, **self.form_kwargs(concern))


EMERGENCY = "emergency"
EMERGENCY_CALL = "emergency-call"
PERSON = "person"
SUPPORT = "support"
CONCERN = "concern"
FACTORS = "factors"
INFLUENCES = "influences"
CONCERN_TYPE = "concern-type"
ATTACHMENTS = "attachments"

STEPS: list[Step] = [
    Step(
        EMERGENCY,
        "Is anyone in immediate danger?",
        True,
        F.EmergencyForm,
        fields_apply("emergency"),
        in_addendum=False,
        leads_to="emergency-call",
    ),
    Step(
        EMERGENCY_CALL,
        "The 999 call",
        True,
        F.EmergencyCallForm,
        fields_apply("emergency_call_made", "emergency_call_time", "emergency_police_reference"),
        applies=_after_yes,
        page_context=_emergency_call_context,
        in_addendum=False,
        summary="concerns/summary/emergency.html",
    ),
    Step(
        PERSON,
        "About the person",
        True,
        F.PersonForm,
        fields_apply(
            "person_name",
            "person_other_names",
            "person_date_of_birth",
            "person_approximate_age",
            "person_age_band",
            "person_gender",
            "person_ethnicity",
            "person_address",
            "person_postcode",
            "person_district",
            "person_school_or_employer",
            "mental_health_needs",
            "neurodivergent",
        ),
        shows_person=True,
    ),
    Step(
        SUPPORT,
        "Care and support needs and services involved",
        True,
        F.SupportForm,
        fields_apply("care_needs", "services_involved", "person_aware"),
    ),
    Step(
        CONCERN,
        "What was seen or heard",
        True,
        F.ConcernDetailsForm,
        fields_apply("what_happened", "observed_on", "location", "how_came_to_notice"),
    ),
    Step(
        FACTORS,
        "Vulnerability factors and key questions",
        False,
        F.FactorsForm,
        _apply_factors,
        form_kwargs=_areas,
    ),
    Step(INFLUENCES, "Influences", False, F.InfluencesForm, _apply_influences, form_kwargs=_influences),
    Step(
        CONCERN_TYPE,
        "Type of concern",
        False,
        F.ConcernTypeForm,
        fields_apply("concern_type"),
        form_kwargs=_concern_types,
    ),
    Step(ATTACHMENTS, "Attachments", False, None, fields_apply(), in_addendum=False),
]
STEPS_BY_SLUG = {s.slug: s for s in STEPS}

OTHER_SECTION = ("other", "Something else")


def steps_for(concern: Concern) -> list[Step]:
    """The steps that apply to this concern now."""
    return [s for s in STEPS if s.applies(concern)]


def step_for(concern: Concern, slug: str) -> Step | None:
    """The step `slug` if it applies to this concern."""
    step = STEPS_BY_SLUG.get(slug)
    return step if step is not None and step.applies(concern) else None


def missing_required_steps(concern: Concern) -> list[Step]:
    done = set(concern.completed_steps or [])
    return [s for s in steps_for(concern) if s.required and s.slug not in done]


def addendum_sections() -> list[tuple[str, str]]:
    """The parts of a concern an addendum may correct or add to."""
    return [(s.slug, s.title) for s in STEPS if s.in_addendum] + [OTHER_SECTION]


def summaries(concern: Concern) -> list[tuple[Step, str]]:
    """(step, summary template) for the check your answers and concern
    pages, each template once, in the order of the journey."""
    seen: set[str] = set()
    out = []
    for step in STEPS:
        if step.summary_template in seen:
            continue
        seen.add(step.summary_template)
        out.append((step, step.summary_template))
    return out
