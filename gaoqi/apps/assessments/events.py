"""Events other apps react to without this app importing them."""

from django.dispatch import Signal

# Sent after a batch re-assessment finished, with ``batch_id`` and ``district`` ("" for the whole city).
batch_finished = Signal()
