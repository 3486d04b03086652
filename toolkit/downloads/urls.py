from django.urls import path

from . import views

urlpatterns = [
    path("download/toolkit.pdf", views.toolkit_pdf, name="toolkit_pdf"),
    path("practices/<slug:slug>/sheet.pdf", views.practice_sheet, name="practice_sheet"),
]
