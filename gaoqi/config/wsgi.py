"""WSGI entry point: production settings unless DJANGO_SETTINGS_MODULE says otherwise (they refuse to start without
their environment, see gaoqi.config.production)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoqi.config.production")
application = get_wsgi_application()
