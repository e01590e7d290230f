"""Notifications: inbox, outbox, channels (email, webhook), preferences and digests."""
