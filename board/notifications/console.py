"""A console mail backend that people can read: headers, then the plain text as written.

Django's own console backend prints the MIME source, where quoted-printable encoding breaks
long lines with `=` and turns `=` into `=3D`: a verification link printed that way cannot be
copied into a browser. Locally the console is the inbox, so its links must work.
"""

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend


class EmailBackend(DjangoConsoleBackend):
    def write_message(self, message):
        lines = [
            f"From: {message.from_email}",
            f"To: {', '.join(message.to)}",
            f"Subject: {message.subject}",
        ]
        if message.cc:
            lines.append(f"Cc: {', '.join(message.cc)}")
        parts = [mimetype for _content, mimetype in getattr(message, "alternatives", [])]
        if parts:
            lines.append(f"(also sent as: {', '.join(parts)})")
        self.stream.write("\n".join(lines) + "\n\n" + message.body.rstrip("\n") + "\n")
        self.stream.write("-" * 79 + "\n")
