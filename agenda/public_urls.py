# The public agenda under /agenda/ (filled in by the public-pages work).
app_name = "public"

urlpatterns = []
