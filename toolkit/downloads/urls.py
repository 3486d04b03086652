from django.urls import path

from . import views

urlpatterns = [
    path("download/", views.build, name="build_toolkit"),
    path("download/toolkit.pdf", views.toolkit_pdf, name="toolkit_pdf"),
    path("download/selection.pdf", views.selection_pdf, name="selection_pdf"),
    path(
        "download/recommendations/<slug:slug>.pdf",
        views.recommendation_sheet,
        name="recommendation_sheet",
    ),
    path("practices/<slug:slug>/sheet.pdf", views.practice_sheet, name="practice_sheet"),
]
