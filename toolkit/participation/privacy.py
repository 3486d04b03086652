"""Personal data of submissions: how long it is kept, and a person's rights to see and erase it."""

import datetime

from django.utils import timezone

from . import moderation
from .models import Submission


def purge_closed(days, now=None):
    limit = (now or timezone.now()) - datetime.timedelta(days=days)
    closed = Submission.objects.filter(closed_at__lt=limit, personal_data_erased_at__isnull=True)
    count = 0
    for submission in closed.iterator():
        moderation.erase_personal_data(submission)
        count += 1
    return count


def export_person(email):
    found = Submission.objects.filter(email__iexact=email.strip())
    return [
        {
            "reference": s.reference,
            "kind": s.kind,
            "status": s.status,
            "received": s.created_at.isoformat(),
            "name": s.name,
            "email": s.email,
            "answers": s.answers,
            "consent_publish": s.consent_publish,
            "consent_wording": s.consent_wording,
            "consent_given_at": s.consent_given_at.isoformat() if s.consent_given_at else None,
        }
        for s in found
    ]


def erase_person(email):
    found = list(Submission.objects.filter(email__iexact=email.strip()))
    for submission in found:
        moderation.erase_personal_data(submission)
    return len(found)
