from django.urls import path

from . import views

app_name = "participation"
urlpatterns = [
    path("participate/", views.hub, name="hub"),
    path("participate/feedback/", views.submit, {"kind": "feedback"}, name="feedback"),
    path("participate/proposal/", views.submit, {"kind": "proposal"}, name="proposal"),
    path("participate/story/", views.submit, {"kind": "story"}, name="story"),
    path("participate/practice/", views.submit, {"kind": "practice"}, name="practice"),
    path("participate/contact/", views.submit, {"kind": "contact"}, name="contact"),
    path("participate/status/<str:key>/", views.status, name="status"),
    path("stories/", views.stories, name="stories"),
    path("stories.json", views.stories, {"as_data": True}, name="stories_data"),
]
