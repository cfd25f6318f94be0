"""Retail moments for the merchandisers' calendar: public holidays from the maintained ``holidays``
library, plus the commercial dates it does not know (French sales seasons, Mother's and Father's Day,
Black Friday, back to school…)."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

import holidays
from dateutil.easter import easter
from django.utils import translation
from django.utils.translation import gettext as _

HOLIDAY, COMMERCIAL = "holiday", "commercial"


@dataclass(frozen=True)
class Moment:
    day: date
    name: str
    kind: str  # HOLIDAY or COMMERCIAL


def _weekdays(year, month, weekday):
    """Dates of every ``weekday`` (0 = Monday) of a month."""
    return [
        day
        for week in calendar.Calendar().monthdatescalendar(year, month)
        for day in week
        if day.month == month and day.weekday() == weekday
    ]


def winter_sales_start(year):
    """Second Wednesday of January, or the first when the second falls after the 12th (Code de commerce,
    art. D310-15-2)."""
    wednesdays = _weekdays(year, 1, calendar.WEDNESDAY)
    return wednesdays[1] if wednesdays[1].day <= 12 else wednesdays[0]


def summer_sales_start(year):
    """Last Wednesday of June, or the one before when the last falls after the 28th."""
    wednesdays = _weekdays(year, 6, calendar.WEDNESDAY)
    return wednesdays[-1] if wednesdays[-1].day <= 28 else wednesdays[-2]


def mothers_day_fr(year):
    """Last Sunday of May, moved to the first Sunday of June when it is Whit Sunday."""
    sunday = _weekdays(year, 5, calendar.SUNDAY)[-1]
    if sunday == easter(year) + timedelta(days=49):
        return _weekdays(year, 6, calendar.SUNDAY)[0]
    return sunday


def black_friday(year):
    return _weekdays(year, 11, calendar.THURSDAY)[3] + timedelta(days=1)


def commercial_moments(year, country):
    moments = [
        Moment(date(year, 2, 14), _("Valentine's Day"), COMMERCIAL),
        Moment(black_friday(year), _("Black Friday"), COMMERCIAL),
        Moment(black_friday(year) + timedelta(days=3), _("Cyber Monday"), COMMERCIAL),
        Moment(date(year, 12, 24), _("Christmas Eve: last shopping day"), COMMERCIAL),
    ]
    if country == "FR":
        moments += [
            Moment(winter_sales_start(year), _("Winter sales start"), COMMERCIAL),
            Moment(summer_sales_start(year), _("Summer sales start"), COMMERCIAL),
            Moment(mothers_day_fr(year), _("Mother's Day"), COMMERCIAL),
            Moment(_weekdays(year, 6, calendar.SUNDAY)[2], _("Father's Day"), COMMERCIAL),
            Moment(date(year, 9, 1), _("Back to school"), COMMERCIAL),
        ]
    return moments


def moments(year, country):
    """Every retail moment of ``year`` in ``country``, sorted by date."""
    language = (translation.get_language() or "en").split("-")[0]
    try:
        public = holidays.country_holidays(country, years=year, language=language)
    except NotImplementedError:
        public = {}
    except Exception:  # a language the country does not translate: its default names
        public = holidays.country_holidays(country, years=year)
    found = [Moment(day, name, HOLIDAY) for day, name in public.items()]
    return sorted(found + commercial_moments(year, country), key=lambda m: (m.day, m.kind))


def month_grid(year, month, country, sales):
    """Weeks (Monday first) of day cells: (date, in_month, moments, sales running that day)."""
    by_day = {}
    for moment in moments(year, country):
        by_day.setdefault(moment.day, []).append(moment)
    weeks = []
    for week in calendar.Calendar().monthdatescalendar(year, month):
        cells = []
        for day in week:
            running = [s for s in sales if s.starts_at.date() <= day <= s.ends_at.date()]
            cells.append((day, day.month == month, by_day.get(day, []), running))
        weeks.append(cells)
    return weeks
