"""Events other apps react to without this app importing them."""

from django.dispatch import Signal

# Sent after commit with ``enterprise_id`` when any profile data changed.
profile_changed = Signal()
