"""ASGI entry point: production settings unless DJANGO_SETTINGS_MODULE says otherwise (they refuse to start without
their environment, see gaoqi.config.production)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoqi.config.production")
application = get_asgi_application()
