from django.urls import path, re_path

from . import exports
from .views import api

urlpatterns = [
    re_path(
        r"^v1/export/practices\.(?P<fmt>csv|json|jsonld)$", exports.export, name="export_practices"
    ),
    path("v1/datapackage.json", exports.datapackage, name="datapackage"),
    path("v1/", api.urls),
]
