from django.views.generic import TemplateView
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


class HomeView(TemplateView):
    """The demo store's front page: a few products from each category and the latest blog posts."""

    template_name = "shop/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["featured_products"] = (
            Product.objects.browsable().filter(is_public=True).order_by("-date_created")[:8]
        )
        return context
