"""Request ids for the logs, and domain errors raised by services and selectors turned into 404 and 403 responses."""

import re
import uuid

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404

from gaoqi.core import request_id
from gaoqi.core.errors import NotFound, PermissionDenied

# An id from the proxy in front is kept when it is a plain token; anything else is replaced (no log injection).
PLAIN_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestIdMiddleware:
    """Take the proxy's X-Request-ID or make one, tag the request's log lines with it and return it in the response.

    First in MIDDLEWARE, so the error logged for a failing request carries the id too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(request_id.HEADER, "")
        request.id = given if PLAIN_ID.fullmatch(given) else uuid.uuid4().hex
        token = request_id.current.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id.current.reset(token)
        response[request_id.HEADER] = request.id
        return response


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
