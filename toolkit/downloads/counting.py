from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import DownloadCount


def count_download(document, language):
    """The only writer of download counts: one more for today, safe under concurrency."""
    today = timezone.localdate()
    key = {"document": document[:200], "language": language, "day": today}
    if DownloadCount.objects.filter(**key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            DownloadCount.objects.create(count=1, **key)
    except IntegrityError:  # another request created it first
        DownloadCount.objects.filter(**key).update(count=F("count") + 1)
