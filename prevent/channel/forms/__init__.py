"""Question pages of the gateway and Channel, one module per sub-domain;
GOV.UK date inputs and GOV.UK error messages."""

from ._fields import _date
from .assessment import VAFForm
from .cases import SafeguardingLinkForm
from .consent import ConsentForm
from .decisions import DecisionForm, SupersedeForm
from .exit import ClosingReportForm, ReviewForm
from .gateway import ExternalReferralForm, GatewayAssessmentForm
from .information import AnswerForm, InformationRequestForm
from .panels import (
    ActionForm,
    AgendaAddForm,
    AttendanceForm,
    MeetingDetailsForm,
    MembersForm,
    MinutesForm,
    NotesForm,
    ScheduleForm,
)
from .support import (
    InterventionChangeForm,
    InterventionEndForm,
    InterventionForm,
    ProgressForm,
    ProviderForm,
)

__all__ = [
    "ActionForm",
    "AgendaAddForm",
    "AnswerForm",
    "AttendanceForm",
    "ClosingReportForm",
    "ConsentForm",
    "DecisionForm",
    "ExternalReferralForm",
    "GatewayAssessmentForm",
    "InformationRequestForm",
    "InterventionChangeForm",
    "InterventionEndForm",
    "InterventionForm",
    "MeetingDetailsForm",
    "MembersForm",
    "MinutesForm",
    "NotesForm",
    "ProgressForm",
    "ProviderForm",
    "ReviewForm",
    "SafeguardingLinkForm",
    "ScheduleForm",
    "SupersedeForm",
    "VAFForm",
    "_date",
]
