"""Writes of learners' item reports: filing one (from the study and practice screens) and resolving them
(from the admin)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.shortcuts import get_object_or_404

from quizzes.bank.services.item_stats import item_statistics_refresh_reports
from quizzes.models import Item, ItemReport


@transaction.atomic
def item_report_create(*, learner: AbstractBaseUser, item_id: int, reason: str, text: str) -> ItemReport:
    """File a report; a learner's second report of the same problem (a double click, a retry) updates
    the open one instead of adding another. Parallel reports race to the partial unique constraint
    (one open report per learner, item and reason): the losers' inserts fail inside get_or_create's
    savepoint and it reads the winner's row."""
    item = get_object_or_404(Item.objects.exclude(status=Item.Status.RETIRED), pk=item_id)
    report, created = ItemReport.objects.select_for_update().get_or_create(
        learner=learner, item=item, reason=reason, resolved=False, defaults={"text": text.strip()}
    )
    if not created and text.strip() and report.text != text.strip():
        report.text = text.strip()
        report.save(update_fields=["text"])
    item_statistics_refresh_reports(item_id=item.pk)
    return report


@transaction.atomic
def item_reports_resolve(
    *, report_ids: Iterable[int], now: datetime, resolved: bool = True
) -> list[ItemReport]:
    """Mark reports resolved (or open again); returns the reports that changed."""
    reports = list(
        ItemReport.objects.select_for_update().filter(pk__in=list(report_ids)).exclude(resolved=resolved)
    )
    for report in reports:
        report.resolved = resolved
        report.resolved_at = now if resolved else None
    ItemReport.objects.bulk_update(reports, ["resolved", "resolved_at"])
    for item_id in {r.item_id for r in reports}:
        item_statistics_refresh_reports(item_id=item_id)
    return reports
