"""The API against its own OpenAPI document: schemathesis generates requests for every
operation (valid and invalid data, boundary values) and checks each answer — never a server
error, and every status, content type and body as the document promises.

The same seed every run, so a failure is reproduced by running the test again."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

MAX_EXAMPLES = 40
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20_260_801,
        # Generation time depends on how busy the machine is, not on the API.
        "suppress-health-check": ["too_slow"],
        # The in-process WSGI client does not undo the gzip our middleware applies for
        # clients that accept it; ask for the plain body the checks can read.
        "headers": {"Accept-Encoding": "identity"},
        "generation": {
            "mode": "all",
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "database": "none",
        },
        "checks": {
            "not_a_server_error": {"enabled": True},
            "status_code_conformance": {"enabled": True},
            "content_type_conformance": {"enabled": True},
            "response_schema_conformance": {"enabled": True},
            "response_headers_conformance": {"enabled": True},
            "negative_data_rejection": {"enabled": True},
        },
    }
)


# Read from the app itself, as a client would (no request here touches the database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), config=CONFIG)


@pytest.fixture(autouse=True)
def inside_the_test_transaction(db, settings):
    # Every generated request should reach the API, not the per-minute search limit.
    settings.SEARCH_RATE_PER_MINUTE = 0
    # The app runs in this thread and inside the test's transaction: Django must not close
    # that connection at the start and end of each request (its test client does the same).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
def test_every_api_operation_keeps_the_promises_of_its_openapi_document(case):
    case.call_and_validate()
