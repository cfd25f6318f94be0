"""Background tasks of click and collect (django-tasks: ``TASKS`` in settings picks the backend)."""

from django_tasks import task

from .services import pickup_emails, store_feeds


@task()
def pull_store_feed(url="", dry_run=False):
    """Pull the point-of-sale endpoint; schedule it (cron, a periodic job) as often as the POS allows.
    Returns the counts, or raises FeedError (the backend records the failure with its message)."""
    results = store_feeds.pull_point_of_sale(url or None, dry_run=dry_run)
    return {name: vars(result) for name, result in results.items()}


@task()
def send_pickup_ready_email(pickup_id):
    """Tell the customer the order is ready, with the pickup code and its QR code."""
    return pickup_emails.send_ready_email(pickup_id)
