"""socialshop's own tables, one module per feature."""

from .appinstall import AppPromoEvent
from .attribution import OrderAttribution, Touchpoint
from .flashsales import FanConnection, FlashSale, FlashSaleClaim, FlashSaleHold, UnlockRedemption
from .share import ShareClick
from .stores import (
    OrderPickup,
    OrderPickupLine,
    PostalCode,
    Store,
    StoreOpeningPeriod,
    StoreSpecialDay,
    StoreStock,
)

__all__ = [
    "ShareClick",
    "AppPromoEvent",
    "Store",
    "StoreOpeningPeriod",
    "StoreSpecialDay",
    "StoreStock",
    "PostalCode",
    "OrderPickup",
    "OrderPickupLine",
    "FlashSale",
    "FlashSaleHold",
    "FlashSaleClaim",
    "FanConnection",
    "UnlockRedemption",
    "Touchpoint",
    "OrderAttribution",
]
