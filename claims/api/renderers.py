"""Renderers of the graph endpoint: GraphML (``?format=graphml``) and JSON-LD (``?format=jsonld``).

They receive the graph dict the view produced; anything else (an error answer) is written as a small
document of the same media type, so a client asking for GraphML never gets a parse error instead
of the message.
"""

import xml.etree.ElementTree as ET

from rest_framework.renderers import BaseRenderer

from claims.graph_formats import graph_to_graphml, graph_to_jsonld
from factcheck.api_renderers import JSONRenderer


def _is_graph(data) -> bool:
    return isinstance(data, dict) and {"nodes", "edges", "truncated"} <= data.keys()


class GraphMLRenderer(BaseRenderer):
    media_type = "application/graphml+xml"
    format = "graphml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        if _is_graph(data):
            return graph_to_graphml(data)
        error = ET.Element("error")
        error.text = str(data.get("detail", data) if isinstance(data, dict) else data)
        return ET.tostring(error, encoding="utf-8", xml_declaration=True)


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if _is_graph(data):
            request = (renderer_context or {}).get("request")
            base_url = request.build_absolute_uri("/") if request is not None else "/"
            data = graph_to_jsonld(data, base_url=base_url)
        return super().render(data, accepted_media_type, renderer_context)
