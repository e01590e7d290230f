"""Events other apps react to without this app importing them."""

from django.dispatch import Signal

# Sent after commit with ``enterprise_id`` when any profile data changed.
profile_changed = Signal()

# Sent after commit with ``kind`` ("claim" or "district_change") and ``pk`` when a reviewed request is filed, and
# again with ``decided=True`` once it is approved or rejected.
review_changed = Signal()
