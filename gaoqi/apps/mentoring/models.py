"""Mentors, one-to-one assignment and service stations."""
