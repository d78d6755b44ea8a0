from django.urls import path

from participation import staff_views, views

app_name = "participation"

urlpatterns = [
    path("ideen/", views.PublicIdeaList.as_view(), name="idea-list"),
    path("ideen/neu/", views.idea_create, name="idea-create"),
    path("ideen/captcha/", views.captcha_challenge, name="captcha"),
    path("ideen/<int:pk>/", views.public_detail, name="idea-public-detail"),
    path("ideen/<int:pk>/unterstuetzen/", views.support, name="idea-support"),
    path("ideen/status/<str:token>/", views.idea_status, name="idea-status"),
    path("ideen/status/<str:token>/daten-loeschen/", views.erase_my_data, name="erase-my-data"),
    path("ideen/bestaetigen/<str:token>/", views.confirm_email, name="confirm-email"),
    path("intern/ideen/", staff_views.Inbox.as_view(), name="inbox"),
    path("intern/ideen/neu/", staff_views.IdeaCreate.as_view(), name="idea-create-staff"),
    path("intern/ideen/<int:pk>/", staff_views.IdeaModerate.as_view(), name="idea-moderate"),
    path("intern/ideen/sammelaktion/", staff_views.BulkChange.as_view(), name="idea-bulk"),
    path("intern/ideen/uebernehmen/", staff_views.PromoteIdeas.as_view(), name="idea-promote"),
]
