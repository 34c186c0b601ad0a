"""The claim graph written as GraphML (for Gephi, yEd, networkx) and as JSON-LD (schema.org terms).

Both take the plain dict of ``claims.selectors.graph.Graph.as_dict()``, so every format carries the
same nodes and edges.
"""

import json
import xml.etree.ElementTree as ET
from urllib.parse import quote

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
FACTCHECK_NS = "https://factcheck.example.org/ns/graph#"


def _graphml_type(values: list) -> str:
    present = [value for value in values if value is not None]
    if present and all(isinstance(value, bool) for value in present):
        return "boolean"
    if present and all(isinstance(value, int) and not isinstance(value, bool) for value in present):
        return "long"
    if present and all(
        isinstance(value, int | float) and not isinstance(value, bool) for value in present
    ):
        return "double"
    return "string"


def _graphml_value(value, attr_type: str) -> str:
    if attr_type == "boolean":
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value)
    return str(value)


def _graphml_keys(items: list[dict], domain: str, skip: set[str]) -> dict[str, tuple[str, str]]:
    """Attribute name -> (key id, GraphML type) for every attribute some item has."""
    names: dict[str, list] = {}
    for item in items:
        for name, value in item.items():
            if name not in skip:
                names.setdefault(name, []).append(value)
    return {name: (f"{domain[0]}_{name}", _graphml_type(values)) for name, values in names.items()}


def graph_to_graphml(graph: dict) -> bytes:
    """GraphML 1.0, directed; every node and edge field becomes a typed ``<data>`` attribute.

    Lists (a span, attribution ids) are written as JSON strings; missing values are left out.
    """
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    node_keys = _graphml_keys(graph["nodes"], "node", skip={"id"})
    edge_keys = _graphml_keys(graph["edges"], "edge", skip={"id", "source", "target"})
    for domain, keys in (("node", node_keys), ("edge", edge_keys)):
        for name, (key_id, attr_type) in keys.items():
            ET.SubElement(
                root,
                f"{{{GRAPHML_NS}}}key",
                {"id": key_id, "for": domain, "attr.name": name, "attr.type": attr_type},
            )
    ET.SubElement(
        root,
        f"{{{GRAPHML_NS}}}key",
        {"id": "g_truncated", "for": "graph", "attr.name": "truncated", "attr.type": "boolean"},
    )
    element = ET.SubElement(
        root, f"{{{GRAPHML_NS}}}graph", {"id": "claims", "edgedefault": "directed"}
    )
    truncated = ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": "g_truncated"})
    truncated.text = "true" if graph["truncated"] else "false"
    for node in graph["nodes"]:
        node_element = ET.SubElement(element, f"{{{GRAPHML_NS}}}node", {"id": node["id"]})
        _graphml_data(node_element, node, node_keys)
    for edge in graph["edges"]:
        edge_element = ET.SubElement(
            element,
            f"{{{GRAPHML_NS}}}edge",
            {"id": edge["id"], "source": edge["source"], "target": edge["target"]},
        )
        _graphml_data(edge_element, edge, edge_keys)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _graphml_data(parent: ET.Element, item: dict, keys: dict[str, tuple[str, str]]) -> None:
    for name, value in item.items():
        if name in keys and value is not None:
            key_id, attr_type = keys[name]
            data = ET.SubElement(parent, f"{{{GRAPHML_NS}}}data", {"key": key_id})
            data.text = _graphml_value(value, attr_type)


# --- JSON-LD --------------------------------------------------------------------------------

NODE_TYPES = {
    "article": "NewsArticle",
    "claim": "Claim",
    "outlet": "NewsMediaOrganization",
}
SOURCE_TYPES = {
    "person": "Person",
    "organization": "Organization",
    "government": "GovernmentOrganization",
    "outlet": "NewsMediaOrganization",
}
API_PATHS = {"article": "articles", "claim": "claims", "source": "sources"}

JSONLD_CONTEXT = {
    "@vocab": "https://schema.org/",
    "fc": FACTCHECK_NS,
    "from": {"@id": "fc:from", "@type": "@id"},
    "to": {"@id": "fc:to", "@type": "@id"},
    "edgeType": "fc:edgeType",
    "inArticle": {"@id": "fc:inArticle", "@type": "@id"},
    "subjectOf": {"@id": "fc:subject", "@type": "@id"},
    "attribution": "fc:attribution",
    "reportedBy": "fc:reportedBy",
    "spanStart": "fc:spanStart",
    "spanEnd": "fc:spanEnd",
    "kind": "fc:kind",
    "cue": "fc:cue",
    "stance": "fc:stance",
    "relation": "fc:relation",
    "severity": "fc:severity",
    "changes": "fc:changes",
    "similarity": "fc:similarity",
    "status": "fc:status",
    "rating": "fc:rating",
    "checkworthiness": "fc:checkworthiness",
    "truncated": "fc:truncated",
    "Edge": "fc:Edge",
    "ClaimGraph": "fc:ClaimGraph",
    "affiliation": {"@id": "affiliation", "@type": "@id"},
}


def graph_to_jsonld(graph: dict, *, base_url: str) -> dict:
    """A JSON-LD document: nodes as schema.org things, edges as ``fc:Edge`` resources.

    Articles, claims and sources are identified by their API URL under ``base_url``; outlets (which
    have no row) by a ``urn:factcheck:outlet:`` URN.
    """
    base_url = base_url.rstrip("/")

    def iri(graph_id: str | None) -> str | None:
        if graph_id is None:
            return None
        kind, _, key = graph_id.partition(":")
        if kind in API_PATHS:
            return f"{base_url}/api/v1/{API_PATHS[kind]}/{key}/"
        return f"urn:factcheck:{kind}:{quote(key, safe='')}"

    items = [_jsonld_node(node, iri) for node in graph["nodes"]]
    items.extend(_jsonld_edge(edge, iri) for edge in graph["edges"])
    return {
        "@context": JSONLD_CONTEXT,
        "@type": "ClaimGraph",
        "truncated": graph["truncated"],
        "@graph": items,
    }


def _jsonld_node(node: dict, iri) -> dict:
    item = {"@id": iri(node["id"]), "identifier": node["id"], "name": node["label"]}
    kind = node["type"]
    if kind == "source":
        item["@type"] = SOURCE_TYPES.get(node["kind"], "Thing")
        if node.get("role"):
            item["jobTitle" if node["kind"] == "person" else "description"] = node["role"]
        if node.get("affiliation"):
            item["affiliation"] = iri(node["affiliation"])
    else:
        item["@type"] = NODE_TYPES[kind]
    if kind == "article":
        item["headline"] = node["title"]
        if node["url"]:
            item["url"] = node["url"]
        if node["published_at"]:
            item["datePublished"] = node["published_at"]
        if node["language"]:
            item["inLanguage"] = node["language"]
    elif kind == "claim":
        item["text"] = node["text"]
        item["status"] = node["status"]
        item["checkworthiness"] = node["checkworthiness"]
        if node["rating"]:
            item["rating"] = node["rating"]
    return item


EDGE_FIELDS = {
    "attribution": "attribution",
    "kind": "kind",
    "cue": "cue",
    "stance": "stance",
    "relation": "relation",
    "reported_by": "reportedBy",
    "severity": "severity",
    "changes": "changes",
    "similarity": "similarity",
}


def _jsonld_edge(edge: dict, iri) -> dict:
    item = {
        "@id": f"urn:factcheck:edge:{quote(edge['id'], safe=':')}",
        "@type": "Edge",
        "edgeType": edge["type"],
        "from": iri(edge["source"]),
        "to": iri(edge["target"]),
    }
    for name, term in EDGE_FIELDS.items():
        if edge.get(name) not in (None, ""):
            item[term] = edge[name]
    if edge.get("article"):
        item["inArticle"] = iri(edge["article"])
    if edge.get("subject"):
        item["subjectOf"] = iri(edge["subject"])
    if edge.get("span"):
        item["spanStart"], item["spanEnd"] = edge["span"]
    if edge.get("attributions"):
        item["attribution"] = edge["attributions"]
    return item
