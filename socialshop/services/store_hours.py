"""Opening hours of stores: weekly periods, replaced on a given date by a holiday or an exceptional day.

A store's own exceptional day wins over a holiday for every store (a shop may open on a public holiday).
Times are wall-clock times of the project's TIME_ZONE.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from ..models import StoreOpeningPeriod, StoreSpecialDay


@dataclass(frozen=True)
class DayHours:
    date: datetime.date
    periods: tuple  # ((opens, closes), …) as datetime.time, empty when closed
    special: str = ""  # label of the holiday or exceptional day, if any

    @property
    def closed(self):
        return not self.periods

    def is_open_at(self, moment):
        return any(opens <= moment < closes for opens, closes in self.periods)

    @property
    def label(self):
        if self.closed:
            return _("Closed")
        return ", ".join(f"{time_format(o, 'H:i')}–{time_format(c, 'H:i')}" for o, c in self.periods)

    def as_dict(self, now=None):
        data = {
            "date": self.date.isoformat(),
            "closed": self.closed,
            "periods": [{"opens": f"{o:%H:%M}", "closes": f"{c:%H:%M}"} for o, c in self.periods],
            "label": self.label,
            "special": self.special,
        }
        if now is not None:
            data["open_now"] = now.date() == self.date and self.is_open_at(now.time())
        return data


def local_now():
    return timezone.localtime()


def hours_on(stores, day):
    """{store id: DayHours} for ``day``, in two queries whatever the number of stores."""
    store_ids = [store.pk for store in stores]
    weekly = {}
    for period in StoreOpeningPeriod.objects.filter(store_id__in=store_ids, weekday=day.weekday()):
        weekly.setdefault(period.store_id, []).append((period.opens, period.closes))
    specials = StoreSpecialDay.objects.filter(Q(store_id__in=store_ids) | Q(store__isnull=True), date=day)
    own = {s.store_id: s for s in specials if s.store_id is not None}
    public = next((s for s in specials if s.store_id is None), None)
    result = {}
    for store_id in store_ids:
        special = own.get(store_id) or public
        if special is None:
            periods = tuple(sorted(weekly.get(store_id, [])))
            result[store_id] = DayHours(day, periods)
        elif special.is_closed:
            result[store_id] = DayHours(day, (), special.label)
        else:
            result[store_id] = DayHours(day, ((special.opens, special.closes),), special.label)
    return result


def week(store, start=None, days=7):
    """The store's hours for ``days`` days from ``start`` (today by default), holidays applied."""
    start = start or local_now().date()
    return [hours_on([store], start + datetime.timedelta(days=offset))[store.pk] for offset in range(days)]


def weekly_periods(store):
    """[(weekday number, [(opens, closes), …]), …] for Monday to Sunday (the regular week, for JSON-LD)."""
    by_day = {day: [] for day in range(7)}
    for period in store.opening_periods.all():
        by_day[period.weekday].append((period.opens, period.closes))
    return [(day, sorted(periods)) for day, periods in by_day.items()]
