"""The police gateway and Channel Panel case management (guidance section 12).

A police Prevent referral (from SPOC triage, from outside, or a re-referral
after a post-exit review) reaches the gateway; a gateway assessment decides
whether it goes to Channel; a Channel case gathers information, is assessed
with the Vulnerability Assessment Framework (versioned data, no score), is
discussed at monthly panel meetings, needs consent before support, runs a
support plan, and exits only after the chair's closing report, with reviews
6 and 12 months later.

Statuses are TextChoices; the allowed moves live in services (`CASE_TRANSITIONS`).
Decisions are never edited: a new decision supersedes an old one with a reason."""

from .assessment import (  # noqa: F401
    AssessmentFramework,
    DimensionSummary,
    FactorAnswer,
    FactorRating,
    FrameworkDimension,
    FrameworkFactor,
    VulnerabilityAssessment,
)
from .cases import (  # noqa: F401
    OPEN_STATUSES,
    CaseStatus,
    ChannelCase,
    SafeguardingLink,
    SafeguardingProcess,
)
from .consent import (  # noqa: F401
    ConsentGiver,
    ConsentMethod,
    ConsentOutcome,
    ConsentRecord,
)
from .exit import (  # noqa: F401
    ClosingReport,
    PostExitReview,
    ReviewOutcome,
)
from .gateway import (  # noqa: F401
    ExternalSource,
    GatewayAssessment,
    GatewayCheck,
    GatewayOutcome,
    GatewayReferral,
    GatewaySource,
    GatewayStatus,
)
from .information import (  # noqa: F401
    InformationRequest,
    RequestResponse,
    RequestStatus,
    ResponseFile,
    response_file_path,
)
from .panels import (  # noqa: F401
    AgendaItem,
    AgendaKind,
    Attendance,
    AttendanceStatus,
    DecisionOutcome,
    PanelAction,
    PanelDecision,
    PanelMeeting,
)
from .support import (  # noqa: F401
    ApprovedProvider,
    Intervention,
    InterventionType,
    ProgressNote,
)
