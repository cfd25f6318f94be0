"""GET a JSON document with a timeout and a bounded number of retries, failing with one clear message."""

import time

import requests

#: Seconds to wait before the first retry; doubled at each further retry.
BACKOFF_SECONDS = 0.5


class FetchError(Exception):
    """The endpoint could not be reached or did not answer usable JSON; the message says why."""


def get_json(url, *, params=None, headers=None, timeout, retries):
    """The decoded JSON body of ``GET url``. Connection errors, timeouts, HTTP 429 and 5xx are retried up to
    ``retries`` times with exponential backoff; other HTTP errors and invalid JSON fail at once."""
    last_error = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(BACKOFF_SECONDS * 2 ** (attempt - 1))
        try:
            response = requests.get(url, params=params, headers=headers, timeout=timeout)
        except requests.Timeout:
            last_error = f"no answer within {timeout} s"
            continue
        except requests.RequestException as exc:
            last_error = f"connection failed ({exc.__class__.__name__})"
            continue
        if response.status_code == 429 or response.status_code >= 500:
            last_error = f"HTTP {response.status_code}"
            continue
        if response.status_code >= 400:
            raise FetchError(f"{url} answered HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError:
            raise FetchError(f"{url} did not answer JSON") from None
    raise FetchError(f"{url}: {last_error} (after {retries + 1} attempts)")
