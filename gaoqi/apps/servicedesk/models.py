"""Service requests with routing, SLA timers and escalation."""
