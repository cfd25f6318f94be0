"""Django admin for socialshop's tables (each feature registers its own models under its heading)."""

from django.contrib import admin

from .models import (
    OrderPickup,
    OrderPickupLine,
    PostalCode,
    Store,
    StoreOpeningPeriod,
    StoreSpecialDay,
    StoreStock,
)

# --- click and collect (docs/click-and-collect.md) ---


class StoreOpeningPeriodInline(admin.TabularInline):
    model = StoreOpeningPeriod
    extra = 0


class StoreSpecialDayInline(admin.TabularInline):
    model = StoreSpecialDay
    extra = 0


@admin.register(Store)
class StoreAdmin(admin.ModelAdmin):
    list_display = ["reference", "name", "city", "postcode", "is_pickup_point", "is_active"]
    list_filter = ["is_active", "is_pickup_point", "country"]
    search_fields = ["reference", "name", "city", "postcode"]
    prepopulated_fields = {"slug": ["name", "city"]}
    inlines = [StoreOpeningPeriodInline, StoreSpecialDayInline]


@admin.register(StoreSpecialDay)
class StoreSpecialDayAdmin(admin.ModelAdmin):
    """Holidays for every store are special days without a store."""

    list_display = ["date", "label", "store", "opens", "closes"]
    list_filter = [("store", admin.EmptyFieldListFilter)]
    date_hierarchy = "date"


@admin.register(StoreStock)
class StoreStockAdmin(admin.ModelAdmin):
    list_display = ["store", "product", "num_in_stock", "num_reserved", "updated_at"]
    list_select_related = ["store", "product"]
    search_fields = ["store__reference", "product__upc", "product__title"]
    raw_id_fields = ["store", "product"]
    # Reserved units only move through the checkout and the pickup workflow (conditional UPDATEs).
    readonly_fields = ["num_reserved", "updated_at"]


class OrderPickupLineInline(admin.TabularInline):
    model = OrderPickupLine
    extra = 0
    can_delete = False
    readonly_fields = ["stock", "quantity"]


@admin.register(OrderPickup)
class OrderPickupAdmin(admin.ModelAdmin):
    """Read-only: the dashboard's "Click & collect" page moves pickups (and their stock) along."""

    list_display = ["order", "store", "status", "code", "deadline"]
    list_filter = ["status", "store"]
    search_fields = ["code", "order__number"]
    readonly_fields = ["order", "store", "status", "code", "deadline", "created_at", "ready_at", "closed_at"]
    inlines = [OrderPickupLineInline]

    def has_add_permission(self, request):
        return False


@admin.register(PostalCode)
class PostalCodeAdmin(admin.ModelAdmin):
    list_display = ["country_code", "postal_code", "place_name", "latitude", "longitude"]
    list_filter = ["country_code"]
    search_fields = ["postal_code", "place_name"]
