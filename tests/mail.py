"""A mail server that is down, for tests of what is kept when e-mail cannot be sent."""

from django.core.mail.backends.base import BaseEmailBackend


class DownBackend(BaseEmailBackend):
    """Refuses the connection, as an unreachable SMTP server does, and records nothing sent."""

    def open(self):
        raise ConnectionRefusedError("mail server down")

    def send_messages(self, email_messages):
        self.open()
