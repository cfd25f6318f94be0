"""Background tasks (django-tasks: Django 6's ``django.tasks`` API; the sandbox runs them inline)."""

from django_tasks import task


@task()
def notify_flash_sale_fans(sale_id):
    """Email the fans eligible for a sale that just started. Returns the number of emails sent."""
    from .services import flashsale_notifications

    return flashsale_notifications.send_sale_started(sale_id)
