"""The signed-in user, read with the enterprise they work for in the same query.

Every enterprise page asks for the user's membership (the menu, the account menu, ``enterprise_own``); loading it
with the user saves those pages two queries per request.
"""

from django.contrib.auth.backends import ModelBackend, UserModel


class MembershipBackend(ModelBackend):
    def get_user(self, user_id):
        user = UserModel._default_manager.select_related("membership__enterprise").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
