# Exports and import of measures under /intern/export/ (filled in by the exports work).
app_name = "exports"

urlpatterns = []
