"""A measure that came from ideas tells their submitters when its status changes."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from measures.models import Measure
from participation import services


@receiver(pre_save, sender=Measure)
def remember_status(sender, instance, raw=False, **kwargs):
    if instance.pk and not raw:
        instance._previous_status = (
            Measure.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        )


@receiver(post_save, sender=Measure)
def tell_submitters(sender, instance, created, raw=False, **kwargs):
    previous = getattr(instance, "_previous_status", None)
    if raw or created or not previous or previous == instance.status:
        return
    instance._previous_status = instance.status
    services.later(services.notify_measure_status, instance, previous)
