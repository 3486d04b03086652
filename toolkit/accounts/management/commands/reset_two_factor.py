"""For an editor who lost their phone and their backup codes: they set up two-factor sign-in
again the next time they sign in (their password is unchanged)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from toolkit.accounts.twofactor import reset_two_factor


class Command(BaseCommand):
    help = "Remove a person's authenticator and backup codes so they can set them up again."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account is called {username!r}.")
        reset_two_factor(user)
        self.stdout.write(f"Two-factor sign-in reset for {username}; set it up at next sign-in.")
