"""The orjson renderer writes the bytes DRF's JSON renderer writes."""

import datetime
import uuid
from decimal import Decimal

from django.utils.translation import gettext_lazy
from rest_framework import renderers

from factcheck.api_renderers import JSONRenderer

PAYLOAD = {
    "when": datetime.datetime(2024, 5, 1, 12, 30, 45, 123456, tzinfo=datetime.UTC),
    "day": datetime.date(2024, 5, 1),
    "time": datetime.time(8, 15, 30, 250000),
    "amount": Decimal("12.50"),
    "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "label": gettext_lazy("Claims"),
    "text": "Zürich — “quoted”\u2028next line\u2029",
    "counts": {1: 2, "three": [4.5, None, True]},
}


def test_same_bytes_as_drfs_renderer():
    assert JSONRenderer().render(PAYLOAD) == renderers.JSONRenderer().render(PAYLOAD)


def test_indented_answers_and_nothing_are_drfs_too():
    indented = "application/json; indent=2"
    assert JSONRenderer().render(PAYLOAD, indented) == renderers.JSONRenderer().render(
        PAYLOAD, indented
    )
    assert JSONRenderer().render(None) == b""
