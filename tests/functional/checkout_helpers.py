"""Shopping steps through Oscar's real views (basket, guest checkout), shared by functional tests."""

from decimal import Decimal

from oscar.core.loading import get_model

Country = get_model("address", "Country")

ADDRESS = {
    "first_name": "Jeanne",
    "last_name": "Durand",
    "line1": "3 rue de la République",
    "line4": "Lyon",
    "postcode": "69002",
    "country": "FR",
}


def basket_of(client):
    """The basket Oscar shows the visitor, priced by Oscar's middleware and offers."""
    response = client.get("/basket/")
    assert response.status_code == 200
    return response.context["basket"]


def basket_total(client):
    return basket_of(client).total_incl_tax


def set_quantity(client, quantity, index=0):
    """Submit Oscar's basket formset with a new quantity for one line (what the basket page does)."""
    response = client.get("/basket/")
    formset = response.context["formset"]
    data = {f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()}
    for i, form in enumerate(formset.forms):
        data[f"{formset.prefix}-{i}-id"] = form.instance.pk
        data[f"{formset.prefix}-{i}-quantity"] = quantity if i == index else form.instance.quantity
    return client.post("/basket/", data)


def ensure_france():
    Country.objects.update_or_create(
        iso_3166_1_a2="FR",
        defaults={
            "iso_3166_1_a3": "FRA",
            "iso_3166_1_numeric": "250",
            "printable_name": "France",
            "name": "France",
            "is_shipping_country": True,
        },
    )


def go_to_preview(client):
    ensure_france()
    response = client.post("/checkout/shipping-address/", ADDRESS)
    assert response.status_code == 302, response.content[:500]
    response = client.get("/checkout/shipping-method/", follow=True)
    assert response.redirect_chain[-1][0].endswith("/checkout/payment-details/")
    response = client.get("/checkout/preview/")
    assert response.status_code == 200
    return response


def place_order(client):
    return client.post("/checkout/preview/", {"action": "place_order"})


def money(value):
    return Decimal(value)
