"""The stores' Django admin pages open (an admin check or a bad field name would break them)."""

import pytest
from oscar.test.factories import UserFactory

from tests.integration.test_pickups import order_for
from tests.stores_data import create_stores, set_stock, standalone

pytestmark = pytest.mark.django_db


def test_admin_pages(client):
    from socialshop.services import pickups

    stores = create_stores()
    dress = standalone()
    set_stock(stores["LYS-01"], dress, 3)
    pickup = pickups.reserve_for_order(order_for(dress), stores["LYS-01"])
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in [
        "/django-admin/socialshop/store/",
        f"/django-admin/socialshop/store/{stores['LYS-01'].pk}/change/",
        "/django-admin/socialshop/storestock/",
        "/django-admin/socialshop/storespecialday/",
        "/django-admin/socialshop/orderpickup/",
        f"/django-admin/socialshop/orderpickup/{pickup.pk}/change/",
        "/django-admin/socialshop/postalcode/",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get("/django-admin/socialshop/orderpickup/add/").status_code == 403
