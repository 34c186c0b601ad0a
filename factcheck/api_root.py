"""``/api/v1/``: the entry point of the REST API, linking every resource (browsable and JSON)."""

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

RESOURCES = {
    "articles": "articles_api:article-list",
    "claims": "claims_api:claim-list",
    "sources": "claims_api:source-list",
    "attributions": "claims_api:attribution-list",
    "verdicts": "claims_api:verdict-list",
    "stances": "claims_api:stance-list",
    "evidence": "claims_api:evidence-list",
    "webhooks": "claims_api:webhook-list",
    "graph": "claims_api:graph",
    "verdict_exports": "exports:api-verdicts",
    "schema": "schema",
    "docs": "swagger-ui",
}


class ApiRoot(APIView):
    """Links to every resource of the API: any authenticated user may read them."""

    @extend_schema(exclude=True)
    def get(self, request: Request, format=None) -> Response:
        return Response(
            {name: reverse(url_name, request=request) for name, url_name in RESOURCES.items()}
        )
