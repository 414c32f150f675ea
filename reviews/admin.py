from django.contrib import admin

from .models import Discipline

# Everything else changes through services (audited); only the reference table is browsable here.
admin.site.register(Discipline, list_display=("code", "name", "level"), search_fields=("code", "name"))
