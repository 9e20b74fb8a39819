"""Copy the uploaded files on the local disk into the S3 bucket, when a board
that kept them in MEDIA_ROOT switches to S3_BUCKET.

Each file keeps its name (`resumes/<random>.pdf`), so every row still points at
its file once the web nodes run with S3_BUCKET set. A file already in the bucket
with the same size is skipped, so the command can run before the switch (while
the site still writes to the disk) and once more right after it, for what came
in meanwhile. A file in the bucket of another size is left alone and counted:
names are random, so that means something else wrote there.
"""

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from board.core.stored_files import in_object_store


class Command(BaseCommand):
    help = "Copy the files under MEDIA_ROOT (or --source) into the S3 bucket (S3_BUCKET)."

    def add_arguments(self, parser):
        parser.add_argument("--source", help="the folder to copy from (default: MEDIA_ROOT)")
        parser.add_argument("--dry-run", action="store_true", help="count, copy nothing")

    def handle(self, *args, source=None, dry_run=False, **options):
        if not in_object_store(default_storage):
            raise CommandError("S3_BUCKET is not set: uploads are stored on this disk already.")
        root = Path(source or settings.MEDIA_ROOT)
        if not root.is_dir():
            raise CommandError(f"{root} is not a folder.")
        done = {"copied": 0, "already there": 0, "different in the bucket": 0}
        for path in sorted(each for each in root.rglob("*") if each.is_file()):
            name = path.relative_to(root).as_posix()
            outcome = self._copy(path, name, dry_run)
            done[outcome] += 1
        verb = "would be copied" if dry_run else "copied"
        self.stdout.write(
            f"{done['copied']} files {verb}, {done['already there']} already there, "
            f"{done['different in the bucket']} different in the bucket (left alone)."
        )
        if done["different in the bucket"]:
            raise CommandError("Some files differ from the bucket's: check them by hand.")

    def _copy(self, path, name, dry_run):
        if default_storage.exists(name):
            same = default_storage.size(name) == path.stat().st_size
            return "already there" if same else "different in the bucket"
        if not dry_run:
            with path.open("rb") as handle:
                saved = default_storage.save(name, File(handle, name=name))
            if saved != name:  # never renamed: the rows name this file
                default_storage.delete(saved)
                raise CommandError("The bucket renamed a file: nothing else was changed.")
        return "copied"
