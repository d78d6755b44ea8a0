from django.urls import path

from agenda.worklist import views

app_name = "worklist"

urlpatterns = [
    path("intern/aufgaben/", views.Worklist.as_view(), name="index"),
    path("intern/mein-profil/", views.ProfileSettings.as_view(), name="settings"),
]
