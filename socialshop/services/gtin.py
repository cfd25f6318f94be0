"""GTIN (UPC/EAN/ITF-14) recognition: a product's UPC is only announced as a GTIN when it is one."""

GTIN_LENGTHS = (8, 12, 13, 14)


def check_digit(body):
    """GS1 check digit of the digits ``body`` (the GTIN without its last digit)."""
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def normalise(value):
    """``value`` as a GTIN-8/12/13/14 if it is one (digits, valid check digit), else ``""``."""
    value = (value or "").strip()
    if len(value) not in GTIN_LENGTHS or not value.isascii() or not value.isdigit():
        return ""
    return value if check_digit(value[:-1]) == value[-1] else ""
