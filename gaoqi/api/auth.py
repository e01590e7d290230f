"""API authentication: the browser session (with CSRF) or a bearer token."""

from ninja.security import HttpBearer, SessionAuth

from gaoqi.apps.accounts.services import api_token_user


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


AUTH = [TokenAuth(), SessionAuth()]
