from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from agenda import brand_views, health, legal, views

LEGAL = r"(?P<slug>impressum|datenschutz|barrierefreiheit)"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("marke/logo-<str:version>.png", brand_views.logo, name="brand-logo"),
    path("marke/farben-<str:version>.css", brand_views.stylesheet, name="brand-css"),
    path("intern/", views.Dashboard.as_view(), name="dashboard"),
    path(
        "intern/anmelden/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("intern/abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("intern/", include("strategy.urls")),
    path("intern/", include("measures.urls")),
    path("", include("participation.urls")),
    path("", include("agenda.editions.urls")),
    path("", include("agenda.worklist.urls")),
    path("", include("agenda.reminders.urls")),
    path("", include("agenda.council.urls")),
    path("agenda/", include("agenda.public.urls")),
    path("intern/export/", include("agenda.transfer.urls")),
    re_path(rf"^{LEGAL}/$", legal.legal_page, name="legal-page"),
    re_path(rf"^intern/seiten/{LEGAL}/$", legal.LegalPageEdit.as_view(), name="legal-page-edit"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.AGENDA_BENCH_BARE_VIEW:  # bench/load.py only; never set in production
    from agenda import bench_views

    urlpatterns.append(path("_bench/bare/", bench_views.bare, name="bench-bare"))
