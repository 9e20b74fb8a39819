"""The privacy proof (board/tests/privacy/test_nothing_remains.py) with the files in
a bucket: before, the search finds the people's files and their contents among
the bucket's objects; after both accounts are deleted, nothing."""

import pytest

from board.tests.privacy.test_nothing_remains import (
    NEEDLES,
    SEEKER_EMAIL,
    assert_nothing_remains_after_deletion,
    build_world,
)
from board.tests.privacy.traces import file_hits

pytestmark = pytest.mark.django_db


@pytest.fixture
def world_in_bucket(bucket, django_capture_on_commit_callbacks):
    world = build_world(django_capture_on_commit_callbacks)
    assert sorted(bucket.keys()) == sorted(world["files"])  # all of them in the bucket
    return world


def test_the_search_finds_them_in_the_bucket_before(world_in_bucket):
    hits = file_hits(NEEDLES, world_in_bucket["files"])
    assert len([hit for hit in hits if hit[0] == "still stored"]) == 4
    assert (world_in_bucket["files"][-1], SEEKER_EMAIL) in hits  # inside the export's ZIP


def test_after_deletion_nothing_remains_in_the_bucket(
    world_in_bucket, bucket, caplog, django_capture_on_commit_callbacks
):
    assert_nothing_remains_after_deletion(
        world_in_bucket, caplog, django_capture_on_commit_callbacks
    )
    assert bucket.keys() == []
