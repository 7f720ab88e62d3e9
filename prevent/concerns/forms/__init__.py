"""The concern forms: the journey's steps (steps.py) and what follows
submission (triage.py)."""

from ._legacy_date import GovUKDateField
from .steps import (
    NOT_KNOWN,
    AttachmentForm,
    ConcernDetailsForm,
    ConcernTypeForm,
    EmergencyCallForm,
    EmergencyForm,
    FactorsForm,
    InfluencesForm,
    PersonForm,
    StepForm,
    SupportForm,
    step_answers,
)
from .triage import (
    PYRAMID_CHOICES,
    AddendumForm,
    AnswerForm,
    CloseForm,
    DecisionForm,
    LinkPersonForm,
    OrganisationConcernsForm,
    ReferralForm,
    ReferralInformationForm,
    ReferralUpdateForm,
    RequestInformationForm,
)

__all__ = [
    "NOT_KNOWN",
    "PYRAMID_CHOICES",
    "AddendumForm",
    "AnswerForm",
    "AttachmentForm",
    "CloseForm",
    "ConcernDetailsForm",
    "ConcernTypeForm",
    "DecisionForm",
    "EmergencyCallForm",
    "EmergencyForm",
    "FactorsForm",
    "GovUKDateField",
    "InfluencesForm",
    "LinkPersonForm",
    "OrganisationConcernsForm",
    "PersonForm",
    "ReferralForm",
    "ReferralInformationForm",
    "ReferralUpdateForm",
    "RequestInformationForm",
    "StepForm",
    "SupportForm",
    "step_answers",
]
