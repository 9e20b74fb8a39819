"""People's data under their control (issue 17): the "Export my data" archive
(exports.py), deleting an account (erasure.py) and the retention rules run by
periodic tasks (retention.py).

Sits above every package whose records it gathers or erases (applications,
moderation, alerts, companies…): it reads them, nothing reads it.
"""
