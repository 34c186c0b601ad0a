from django.contrib import admin
from django.urls import path

from factcheck.health import healthz

admin.site.site_header = "Factcheck desk"
admin.site.site_title = "Factcheck"
admin.site.index_title = "Records"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
