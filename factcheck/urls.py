from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from factcheck import errors
from factcheck.api_root import ApiRoot
from factcheck.health import healthz
from factcheck.login import DeskLoginForm
from factcheck.metrics import metrics
from factcheck.readiness import readyz

admin.site.site_header = "Factcheck desk"
admin.site.site_title = "Factcheck"
admin.site.index_title = "Records"
admin.site.login_form = DeskLoginForm

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
    path("admin/", admin.site.urls),
    path("review/", include("claims.review.urls")),
    path("api/v1/", ApiRoot.as_view(), name="api-root"),
    path("api/v1/", include("claims.api.urls")),
    path("sources/", include("claims.review.source_urls")),
    path("api/v1/", include("articles.api_urls")),
    path("", include("claims.exports.urls")),
    path("", include("claims.public_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
]

handler400 = errors.bad_request
