"""A real SMTP server for tests (aiosmtpd) on one loopback port, which can go away (connections
refused, as when the mail server is down) and come back on the same port."""

import socket
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class SmtpServer:
    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"smtp://127.0.0.1:{self.port}?timeout=5"  # as EMAIL_URL
        self.messages = []  # email.message.EmailMessage objects, as received
        self.refused = set()  # recipients answered with 550, as a real server would
        self._controller = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return f"550 5.1.1 <{address}>: Recipient address rejected"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def start(self):
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller:
            self._controller.stop()
            self._controller = None


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()
