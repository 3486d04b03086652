from django.urls import path, register_converter

from . import views


class KeyConverter:
    regex = "[A-Za-z0-9_-]{20,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class ExportConverter:
    regex = "json|md|docx|pdf"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(KeyConverter, "plankey")
register_converter(ExportConverter, "export")

app_name = "planner"
urlpatterns = [
    path("planner/", views.start, name="start"),
    path("planner/new", views.new, name="new"),
    path("planner/import", views.import_plan, name="import"),
    path("planner/adapt/<slug:slug>/", views.adapt_practice, name="adapt"),
    path("planner/<plankey:key>/", views.summary, name="summary"),
    path("planner/<plankey:key>/email", views.email_link, name="email"),
    path("planner/<plankey:key>/forget", views.forget, name="forget"),
    path("planner/<plankey:key>/plan.<export:kind>", views.export, name="export"),
    path("planner/<plankey:key>/adapted/<slug:slug>/", views.checklist, name="checklist"),
    path("planner/<plankey:key>/report-back/", views.report_back, name="report_back"),
    path("planner/<plankey:key>/<slug:slug>/", views.step_page, name="step"),
]
