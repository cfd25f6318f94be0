"""The share-click endpoint: count the click, then send the visitor to the network's share page.

The destination is always built here from a registered network and the signed token (see
:mod:`socialshop.services.share_links`); nothing in the request can choose it, except the Mastodon instance,
which must be a bare hostname and only ever gets ``https://<host>/share?text=…``. The shared page's URL
carries the UTM tags and the id of the click (SOCIALSHOP_ATTRIBUTION_SHARE_CLICK_PARAM) for Social ROI.
"""

from dataclasses import replace

from django import forms
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from ..conf import settings
from ..services import share_clicks, share_links
from ..services.share import InvalidInstance, clean_instance, get_network, share_url, with_params


class ShareRedirect(HttpResponseRedirect):
    """A 302 that may also go to ``mailto:`` (the email button), which Django's redirect refuses."""

    allowed_schemes = ["https", "http", "mailto"]


class MastodonInstanceForm(forms.Form):
    instance = forms.CharField(
        label=_("Your Mastodon server"),
        max_length=253,
        help_text=_("For example mastodon.social — just the server name, without https:// or your @name."),
    )

    def clean_instance(self):
        try:
            return clean_instance(self.cleaned_data["instance"])
        except InvalidInstance:
            raise forms.ValidationError(
                _("Enter the name of a Mastodon server, like mastodon.social."), code="invalid"
            ) from None


@require_safe
def share_click(request, network, token):
    network = get_network(network)
    if network is None:
        raise Http404("Unknown share network")
    try:
        ref = share_links.read_token(token)
    except share_links.InvalidToken:
        raise Http404("Invalid share link") from None

    page = ref.page
    if network.kind == "mastodon":
        form = MastodonInstanceForm(request.GET if "instance" in request.GET else None)
        if not form.is_valid():
            status = 400 if form.is_bound else 200
            response = render(
                request, "socialshop/share/mastodon.html", {"form": form, "page": page}, status=status
            )
            response["X-Robots-Tag"] = "noindex"
            return response
        page = replace(page, instance=form.cleaned_data["instance"])

    click_id = (
        share_clicks.record_click(request, network, ref) if share_clicks.is_countable(request) else None
    )
    param = settings.ATTRIBUTION_SHARE_CLICK_PARAM
    if click_id and param:  # lets Social ROI (docs/roi.md) tie the visits of this shared link to this click
        page = replace(page, url=with_params(page.url, **{param: click_id}))
    response = ShareRedirect(share_url(network, page))
    add_never_cache_headers(response)  # every click must reach us, not a cache
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "strict-origin-when-cross-origin"
    return response
