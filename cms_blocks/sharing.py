"""Share buttons of a Wagtail page (or any object the metadata feature describes), rendered by the share
feature's own ``{% socialshop_share %}`` code, for the page mixin and the share block."""

from django.template.loader import render_to_string
from django.utils.functional import cached_property

from socialshop.templatetags.socialshop_share import socialshop_share


def share_buttons_html(obj, request, networks="", campaign="share", heading=None, show_heading=False):
    values = socialshop_share(
        {"request": request},
        obj,
        networks=networks,
        campaign=campaign,
        heading=heading,
        show_heading=show_heading,
    )
    return render_to_string("socialshop/share/buttons.html", values)


class PageShareButtons:
    """The share bar of a page, rendered only if a template prints it (``{{ page_share_buttons }}``)."""

    def __init__(self, page, request):
        self.page, self.request = page, request

    @cached_property
    def html(self):
        return share_buttons_html(
            self.page,
            self.request,
            networks=getattr(self.page, "social_share_networks", ""),
            campaign=getattr(self.page, "social_share_campaign", "share"),
        )

    def __html__(self):
        return self.html

    def __str__(self):
        return self.html
