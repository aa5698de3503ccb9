from django.urls import path

from . import views

urlpatterns = [
    path("v3/session/<uuid:session_id>/update-status/", views.SessionStatus.as_view()),
    path("v3/session/<uuid:session_id>/features/<str:node_id>/update-status/", views.FeatureStatus.as_view()),
]
