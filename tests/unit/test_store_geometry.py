"""Bounding boxes of the store lookup, checked against an independent distance formula (3-D chord)."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from socialshop.services.stores import EARTH_RADIUS_KM, bounding_box, haversine_km, normalise_longitude


def chord_km(lat1, lng1, lat2, lng2):
    """Great-circle distance through the straight chord between the two points (not haversine)."""

    def vector(lat, lng):
        phi, lam = math.radians(lat), math.radians(lng)
        return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))

    a, b = vector(lat1, lng1), vector(lat2, lng2)
    chord = math.dist(a, b)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, chord / 2))


def in_box(box, lat, lng):
    lat_min, lat_max, ranges = box
    return lat_min <= lat <= lat_max and any(low <= lng <= high for low, high in ranges)


latitudes = st.floats(-90, 90)
longitudes = st.floats(-180, 180, exclude_max=True)
radii = st.floats(0.1, 2000)


def test_haversine_matches_known_distances():
    assert math.isclose(haversine_km(48.8566, 2.3522, 45.7640, 4.8357), 391.5, abs_tol=1.0)  # Paris–Lyon
    assert math.isclose(haversine_km(0, 179.9, 0, -179.9), 22.24, abs_tol=0.01)  # across the antimeridian
    assert math.isclose(haversine_km(89.9, 0, 89.9, 180), 22.24, abs_tol=0.01)  # across the North Pole


@settings(max_examples=500, deadline=None)
@given(latitudes, longitudes, radii, st.floats(0, 1), st.floats(0, 360))
def test_every_point_within_the_radius_is_in_the_box(lat, lng, radius, fraction, bearing):
    """Walk ``fraction × radius`` from the centre in any direction: the point must be inside the box."""
    distance = fraction * radius * 0.999999
    delta, theta = distance / EARTH_RADIUS_KM, math.radians(bearing)
    phi1, lam1 = math.radians(lat), math.radians(lng)
    phi2 = math.asin(math.sin(phi1) * math.cos(delta) + math.cos(phi1) * math.sin(delta) * math.cos(theta))
    lam2 = lam1 + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi1), math.cos(delta) - math.sin(phi1) * math.sin(phi2)
    )
    lat2, lng2 = math.degrees(phi2), normalise_longitude(math.degrees(lam2))
    assert chord_km(lat, lng, lat2, lng2) <= radius + 1e-6
    assert in_box(bounding_box(lat, lng, radius), lat2, lng2)


def test_box_contains_the_pole_when_the_circle_does():
    lat_min, lat_max, ranges = bounding_box(89.5, 10, 100)
    assert lat_max == 90 and ranges == [(-180.0, 180.0)]
    lat_min, lat_max, ranges = bounding_box(-89.9, -170, 50)
    assert lat_min == -90 and ranges == [(-180.0, 180.0)]


def test_box_is_split_at_the_antimeridian():
    _, _, ranges = bounding_box(-17.7, 179.9, 50)  # Fiji
    assert len(ranges) == 2
    (east_low, east_high), (west_low, west_high) = ranges
    assert east_high == 180.0 and west_low == -180.0 and east_low > 179 and west_high < -179.5
    _, _, ranges = bounding_box(65, -179.95, 20)  # Chukotka, seen from the west side
    assert len(ranges) == 2


def test_box_stays_tight_far_from_the_poles():
    lat_min, lat_max, ((lng_min, lng_max),) = bounding_box(45.0, 5.0, 10)
    assert math.isclose(lat_max - lat_min, 2 * math.degrees(10 / EARTH_RADIUS_KM))
    assert 0.25 < lng_max - lng_min < 0.26  # 10 km ≈ 0.127° of longitude at 45°N
