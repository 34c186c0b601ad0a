"""Serializers of the graph endpoint: its query parameters and the shape of its answer (the graph
itself is built as plain dicts by ``claims.selectors.graph``)."""

from rest_framework import serializers

from claims.models import MAX_ID
from claims.selectors.graph import MAX_DEPTH, MAX_LIMIT, MIN_DEPTH


class GraphQuerySerializer(serializers.Serializer):
    article = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Seed article id."
    )
    claim = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Seed claim id."
    )
    source = serializers.IntegerField(  # type: ignore[assignment]  # a declared field, not Field's attribute
        required=False, min_value=1, max_value=MAX_ID, help_text="Seed source id."
    )
    q = serializers.CharField(
        required=False, max_length=500, help_text="Seed claims matching this full-text search."
    )
    depth = serializers.IntegerField(
        required=False, default=1, min_value=MIN_DEPTH, max_value=MAX_DEPTH
    )
    limit = serializers.IntegerField(
        required=False,
        default=2000,
        min_value=1,
        max_value=MAX_LIMIT,
        help_text="Most nodes (articles, claims, sources) returned; `truncated` says when reached.",
    )

    def validate(self, attrs):
        if not any(attrs.get(name) for name in ("article", "claim", "source", "q")):
            raise serializers.ValidationError("Give at least one of article, claim, source or q.")
        return attrs


class GraphNodeSerializer(serializers.Serializer):
    id = serializers.CharField(help_text='"article:12", "claim:5", "source:3", "outlet:<name>"')
    type = serializers.ChoiceField(choices=["article", "claim", "source", "outlet"])
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field, not Field's attribute


class GraphEdgeSerializer(serializers.Serializer):
    id = serializers.CharField()
    type = serializers.ChoiceField(
        choices=[
            "said",
            "appears_in",
            "reported_by",
            "stance",
            "relation",
            "affiliated_with",
            "published_by",
            "variant_of",
            "similar_to",
        ]
    )
    source = serializers.CharField(help_text="Node id the edge starts from.")  # type: ignore[assignment]  # a declared field, not Field's attribute
    target = serializers.CharField(help_text="Node id the edge goes to.")


class GraphSerializer(serializers.Serializer):
    nodes = GraphNodeSerializer(many=True, help_text="Nodes carry more fields per type.")
    edges = GraphEdgeSerializer(many=True, help_text="Edges carry more fields per type.")
    truncated = serializers.BooleanField()
