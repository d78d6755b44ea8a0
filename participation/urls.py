from django.urls import path, register_converter

from participation import staff_views, views


class TokenConverter:
    """Status tokens are URL-safe base64; anything else never reaches the database."""

    regex = r"[A-Za-z0-9_-]{20,100}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class SignedConverter(TokenConverter):
    regex = r"[A-Za-z0-9_:-]{10,300}"


register_converter(TokenConverter, "token")
register_converter(SignedConverter, "signed")

app_name = "participation"

urlpatterns = [
    path("ideen/", views.PublicIdeaList.as_view(), name="idea-list"),
    path("ideen/neu/", views.idea_create, name="idea-create"),
    path("ideen/captcha/", views.captcha_challenge, name="captcha"),
    path("ideen/<int:pk>/", views.public_detail, name="idea-public-detail"),
    path("ideen/<int:pk>/unterstuetzen/", views.support, name="idea-support"),
    path("ideen/status/<token:token>/", views.idea_status, name="idea-status"),
    path("ideen/status/<token:token>/daten-loeschen/", views.erase_my_data, name="erase-my-data"),
    path("ideen/bestaetigen/<signed:token>/", views.confirm_email, name="confirm-email"),
    path("intern/ideen/", staff_views.Inbox.as_view(), name="inbox"),
    path("intern/ideen/neu/", staff_views.IdeaCreate.as_view(), name="idea-create-staff"),
    path("intern/ideen/<int:pk>/", staff_views.IdeaModerate.as_view(), name="idea-moderate"),
    path("intern/ideen/<int:pk>/antworten/", staff_views.IdeaAnswer.as_view(), name="idea-answer"),
    path("intern/ideen/sammelaktion/", staff_views.BulkChange.as_view(), name="idea-bulk"),
    path("intern/ideen/uebernehmen/", staff_views.PromoteIdeas.as_view(), name="idea-promote"),
]
