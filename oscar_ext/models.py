# Oscar instantiates the flash-sale condition and benefit by their dotted path (proxy_class); importing
# them here registers the proxy models with Django at start-up. No tables: proxies of Oscar's own.
from .offers import FlashSaleBenefit, FlashSaleCondition  # noqa: F401
