"""The API's JSON parser: DRF's, refusing a body nested too deeply to handle with a 400.

Kept apart from the exception handler: DRF reads ``DEFAULT_PARSER_CLASSES`` while defining
``APIView``, so this module must not import ``rest_framework.views``.
"""

from collections.abc import Iterable, Mapping
from typing import IO, Any

from rest_framework import exceptions, parsers

# No endpoint takes more than a list inside an object; the margin is for clients' envelopes.
MAX_JSON_DEPTH = 32
TOO_DEEP = f"JSON parse error - the body is nested more than {MAX_JSON_DEPTH} levels deep."


def _depth_exceeds(data: Any, limit: int) -> bool:
    """Is ``data`` nested more than ``limit`` lists or objects deep? (No recursion: the parsed
    value may be as deep as the interpreter allows.)"""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(value, Mapping):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, answering 400 to a body nested too deeply.

    Python's decoder raises ``RecursionError`` (not ``ValueError``, which DRF turns into a 400) on
    input nested about a thousand levels deep, and data not quite that deep would make the
    serializers recurse as far: both are refused here, before any view sees them.
    """

    def parse(
        self, stream: IO[bytes], media_type: str | None = None, parser_context: Any = None
    ) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(TOO_DEEP) from None
        if _depth_exceeds(data, MAX_JSON_DEPTH):
            raise exceptions.ParseError(TOO_DEEP)
        return data
