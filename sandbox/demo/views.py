from django import forms
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .backends import make_token


class DemoApprovalForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80, initial="Camille Demo")
    email = forms.EmailField(label=_("Email"), initial="camille.demo@example.fr")


def authorize(request):
    """The demo provider's "approve this shop" page (what Facebook's dialog would be)."""
    if request.method == "POST":
        form = DemoApprovalForm(request.POST)
        if form.is_valid():
            uid = "demo-" + (
                form.cleaned_data["email"].split("@")[0].replace(".", "-")[:30] or get_random_string(8)
            )
            token = make_token(uid, form.cleaned_data["name"], form.cleaned_data["email"])
            return redirect(reverse("social:complete", args=("demo",)) + "?" + urlencode({"token": token}))
    else:
        initial = {}
        if request.user.is_authenticated:
            initial = {
                "name": request.user.get_full_name() or request.user.get_username(),
                "email": request.user.email,
            }
        form = DemoApprovalForm(initial=initial or None)
    return render(request, "demo/authorize.html", {"form": form})
