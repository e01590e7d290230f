"""Turn domain errors raised by services and selectors into 404 and 403 responses."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404

from gaoqi.core.errors import NotFound, PermissionDenied


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFound):
            raise Http404 from exception
        if isinstance(exception, PermissionDenied):
            raise DjangoPermissionDenied from exception
        return None
