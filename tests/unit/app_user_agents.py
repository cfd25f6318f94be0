"""User-agent matrix shared by the banner's decision tests (JavaScript, run in Chromium) and the server's
platform guess (Python), so the two cannot drift apart.

Each entry: name, User-Agent, navigator.maxTouchPoints, platform the banner sees, browser it names, platform
the server guesses (it cannot see touch points, so an iPad asking for the desktop site is "other" there),
and the decision for a fresh visitor of a shop with both apps.
"""

IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)
MAC_SAFARI = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Safari/605.1.15"
)
PIXEL_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)

MATRIX = [
    ("iOS Safari", IPHONE_SAFARI, 5, "ios", "safari", "ios", "native-banner"),
    ("iPadOS Safari, desktop site", MAC_SAFARI, 5, "ios", "safari", "other", "native-banner"),
    (
        "iOS Chrome",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
        5, "ios", "chrome", "ios", "show",
    ),
    (
        "iOS Firefox",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "FxiOS/127.0 Mobile/15E148 Safari/605.1.15",
        5, "ios", "firefox", "ios", "show",
    ),
    (
        "iOS Facebook in-app",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.41.98;FBBV/621473220;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;"
        "FBSV/17.5;FBSS/3;FBCR/;FBID/phone;FBLC/fr_FR;FBOP/5]",
        5, "ios", "facebook", "ios", "show",
    ),
    (
        "iOS Instagram in-app",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Mobile/15E148 Instagram 335.0.3.21.92 (iPhone15,2; iOS 17_5; fr_FR; fr; scale=3.00; 1179x2556; "
        "612405442)",
        5, "ios", "instagram", "ios", "show",
    ),
    ("Android Chrome", PIXEL_CHROME, 5, "android", "chrome", "android", "show"),
    (
        "Android Facebook in-app",
        "Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/AP2A.240605.024; wv) AppleWebKit/537.36 (KHTML, like "
        "Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/470.0.0.37.109;]",
        5, "android", "facebook", "android", "show",
    ),
    (
        "Android Instagram in-app",
        "Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/AP2A.240605.024; wv) AppleWebKit/537.36 (KHTML, like "
        "Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 Instagram 335.0.0.39.93 Android "
        "(34/14; 420dpi; 1080x2400; Google/google; Pixel 7; panther; panther; fr_FR; 612400000)",
        5, "android", "instagram", "android", "show",
    ),
    (
        "Android Samsung Internet",
        "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) "
        "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
        5, "android", "samsung", "android", "show",
    ),
    (
        "Android Firefox",
        "Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0",
        5, "android", "firefox", "android", "show",
    ),
    (
        "Desktop Chrome (Windows)",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Safari/537.36",
        0, "other", "other", "other", "desktop",
    ),
    (
        "Desktop Firefox (Linux)",
        "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
        0, "other", "other", "other", "desktop",
    ),
    ("Desktop Safari (Mac)", MAC_SAFARI, 0, "other", "other", "other", "desktop"),
]  # fmt: skip
