"""Gunicorn settings for the production server (``scripts/serve``); each can be changed through the environment.

Sync workers, as many as measured best on a 2-core host for this CPU-bound app (docs/platform.md, "Production"):
the app is imported once before forking, and a worker is replaced after ``max_requests`` so memory stays bounded.
"""

import os

bind = os.environ.get("GAOQI_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GAOQI_WEB_WORKERS", 2 * (os.cpu_count() or 1) + 1))
worker_class = "sync"
preload_app = True
max_requests = 5000
max_requests_jitter = 500
timeout = 30
graceful_timeout = 30
keepalive = 5
# The proxy in front (on this host) terminates TLS and sets X-Forwarded-For / -Proto.
forwarded_allow_ips = os.environ.get("GAOQI_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
errorlog = "-"
accesslog = "-" if os.environ.get("GAOQI_ACCESS_LOG", "1") == "1" else None
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s'
