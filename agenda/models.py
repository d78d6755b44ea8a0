# Editions and the site profile will live here (report issue).
