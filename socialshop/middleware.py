"""socialshop's middleware."""

from .services import attribution


class AttributionMiddleware:
    """Records where visitors come from (docs/roi.md). Place it after SessionMiddleware and
    AuthenticationMiddleware. A landing request (UTM tags, a social referrer, a share click, an unlock link, a
    flyer) costs one INSERT; any other request no query at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        setattr(request, attribution.MIDDLEWARE_MARK, True)
        token = attribution.enter_request(request)
        try:
            response = self.get_response(request)
            return attribution.process_response(request, response)
        finally:
            attribution.leave_request(token)
