from django.urls import path

from agenda.reminders import views

app_name = "reminders"

urlpatterns = [
    path("intern/erinnerungen/", views.ReminderLog.as_view(), name="log"),
]
