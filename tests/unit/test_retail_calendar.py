"""French commercial dates, checked against the dates announced for past and coming years."""

from datetime import date

import pytest

from socialshop.services import retail_calendar as rc


@pytest.mark.parametrize(
    "year, winter, summer",
    [(2023, date(2023, 1, 11), date(2023, 6, 28)), (2024, date(2024, 1, 10), date(2024, 6, 26)),
     (2025, date(2025, 1, 8), date(2025, 6, 25)), (2026, date(2026, 1, 7), date(2026, 6, 24))],
)  # fmt: skip
def test_sales_seasons(year, winter, summer):
    assert rc.winter_sales_start(year) == winter
    assert rc.summer_sales_start(year) == summer


def test_mothers_day_moves_when_it_falls_on_whit_sunday():
    assert rc.mothers_day_fr(2025) == date(2025, 5, 25)
    assert rc.mothers_day_fr(2026) == date(2026, 5, 31)
    assert rc.mothers_day_fr(2012) == date(2012, 6, 3)  # Whit Sunday was 27 May 2012


def test_black_friday_and_cyber_monday():
    moments = {m.name: m.day for m in rc.commercial_moments(2025, "FR")}
    assert date(2025, 11, 28) in moments.values() and date(2025, 12, 1) in moments.values()


def test_public_holidays_come_from_the_holidays_library():
    days = {m.day for m in rc.moments(2026, "FR") if m.kind == rc.HOLIDAY}
    assert {date(2026, 7, 14), date(2026, 12, 25), date(2026, 5, 14)} <= days


def test_other_countries_get_their_holidays_without_french_dates():
    moments = rc.moments(2026, "DE")
    assert date(2026, 10, 3) in {m.day for m in moments}
    assert rc.winter_sales_start(2026) not in {m.day for m in moments if m.kind == rc.COMMERCIAL}
