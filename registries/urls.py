app_name = "registries"
urlpatterns: list = []
