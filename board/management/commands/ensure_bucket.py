"""Create the uploads bucket in the object store if it is missing (S3_BUCKET).

    manage.py ensure_bucket

compose.yaml runs it once, before web, worker and beat start, against its SeaweedFS. On AWS
or another hosted store you may create the bucket yourself (with its policies, versioning,
lifecycle rules: docs/operations.md) or run this once. Without S3_BUCKET, uploads go to
MEDIA_ROOT and there is nothing to do. Safe to run again, and by two processes at once.
"""

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError

MISSING = ("404", "NoSuchBucket")
ALREADY_THERE = ("BucketAlreadyOwnedByYou",)


class Command(BaseCommand):
    help = "Create the S3 bucket for uploads (S3_BUCKET) if it does not exist."

    def handle(self, *args, **options):
        if not settings.S3_BUCKET:
            self.stdout.write("S3_BUCKET is not set: uploads go to MEDIA_ROOT, no bucket needed.")
            return
        storage = storages["default"]
        name = storage.bucket_name
        client = storage.connection.meta.client
        try:
            client.head_bucket(Bucket=name)
            self.stdout.write(f"Bucket {name!r} exists.")
            return
        except ClientError as error:
            if error.response["Error"]["Code"] not in MISSING:
                raise CommandError(self.failure(name, error)) from error
        except BotoCoreError as error:
            raise CommandError(self.failure(name, error)) from error

        # Outside us-east-1, AWS wants the region named again; other stores ignore it.
        extra = {}
        if storage.region_name and storage.region_name != "us-east-1":
            extra["CreateBucketConfiguration"] = {"LocationConstraint": storage.region_name}
        try:
            client.create_bucket(Bucket=name, **extra)
        except ClientError as error:
            if error.response["Error"]["Code"] not in ALREADY_THERE:  # another run was faster
                raise CommandError(self.failure(name, error)) from error
        except BotoCoreError as error:
            raise CommandError(self.failure(name, error)) from error
        self.stdout.write(f"Bucket {name!r} created.")

    def failure(self, name, error):
        # The error names the endpoint and the S3 error code, never the credentials.
        return (
            f"Bucket {name!r} could not be checked or created at "
            f"{settings.STORAGES['default']['OPTIONS'].get('endpoint_url') or 'AWS S3'}: {error}"
        )
