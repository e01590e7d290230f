"""``manage.py api_token USERNAME NAME``: issue a bearer token for an integration and print it once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gaoqi.apps.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a user; the key is printed once and only its hash is stored."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. ERP")

    def handle(self, *, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户 {username} 不存在。")
        _token, key = api_token_create(actor=user, name=name)
        self.stdout.write(key)
