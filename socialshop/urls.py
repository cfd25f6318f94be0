app_name = "socialshop"
urlpatterns = []
