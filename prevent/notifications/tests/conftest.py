"""Fixtures for the notifications tests: the Channel people (events to be
told about) and the browser fixtures."""

from prevent.channel.tests.conftest import people  # noqa: F401  (fixtures)
from prevent.concerns.tests.conftest import guidance  # noqa: F401  (fixtures)
from tests.browser.conftest import (  # noqa: F401  (the browser fixtures, for test_browser)
    _flush_past_audit_triggers,
    axe,
    browser,
    context,
    live_server,
    make_context,
    page,
    playwright_instance,
    signed_in_page,
)
