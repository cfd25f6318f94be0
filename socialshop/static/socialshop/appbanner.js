/* socialshop app-install banner.
 *
 * The page is the same for every visitor (full-page caches stay correct): the banner ships hidden, and this
 * script decides in the browser whether to reveal it. `decide()` is a pure function of its input (user agent,
 * standalone mode, stored state, options, time) so the tests can run it over a user-agent matrix;
 * `init()` only gathers that input, applies the answer and remembers what the visitor did.
 */
(function (root) {
  "use strict";

  var DAY = 24 * 60 * 60 * 1000;
  var STORAGE_KEY = "socialshop.appBanner";

  // In-app browsers of social apps: none of them shows a native app banner.
  var IN_APP = [
    ["facebook", /FBAN|FBAV|FB_IAB|FBIOS|FB4A/],
    ["instagram", /Instagram/],
    ["messenger", /Messenger|FBAN\/MessengerForiOS/],
    ["pinterest", /Pinterest/],
    ["tiktok", /TikTok|musical_ly|BytedanceWebview/],
    ["snapchat", /Snapchat/],
    ["linkedin", /LinkedInApp/],
    ["twitter", /Twitter for/],
  ];
  // Other iOS browsers: WebKit underneath, but not Safari, so no Smart App Banner.
  var IOS_BROWSERS = [
    ["chrome", /CriOS\//],
    ["firefox", /FxiOS\//],
    ["edge", /EdgiOS\//],
    ["opera", /OPiOS\/|OPT\//],
    ["google", /GSA\//],
    ["duckduckgo", /DuckDuckGo\//],
    ["yandex", /YaBrowser\//],
  ];

  function find(list, userAgent) {
    for (var i = 0; i < list.length; i++) {
      if (list[i][1].test(userAgent)) return list[i][0];
    }
    return null;
  }

  /* {platform: "ios" | "android" | "other", browser: "safari" | "chrome" | "facebook" | …}.
   * iPadOS asks for desktop sites with a Mac user agent: a Mac with a touch screen is an iPad. */
  function classify(userAgent, maxTouchPoints) {
    userAgent = userAgent || "";
    var ios = /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
    var android = !ios && /Android/.test(userAgent);
    var platform = ios ? "ios" : android ? "android" : "other";
    var browser = find(IN_APP, userAgent);
    if (!browser && ios) {
      browser = find(IOS_BROWSERS, userAgent) || (/Version\/[\d.]+.*Safari\//.test(userAgent) ? "safari" : "webview");
    }
    if (!browser && android) {
      browser = /SamsungBrowser\//.test(userAgent)
        ? "samsung"
        : /Firefox\//.test(userAgent)
          ? "firefox"
          : /; wv\)/.test(userAgent)
            ? "webview"
            : /Chrome\//.test(userAgent)
              ? "chrome"
              : "other";
    }
    return { platform: platform, browser: browser || "other", inApp: !!find(IN_APP, userAgent) };
  }

  /* Whether to show the banner. input = {
   *   userAgent, maxTouchPoints, standalone (bool), now (ms),
   *   state: {dismissedAt, clickedAt, views: [ms, …]} (what this browser remembers, may be {}),
   *   options: {ios, android (the app exists there), dismissDays, clickDays, maxViews, capDays}
   * } → {show, reason, platform, browser}. Reasons: "show", "desktop", "no-app", "standalone",
   * "native-banner", "dismissed", "clicked", "capped". */
  function decide(input) {
    var options = input.options || {};
    var state = input.state || {};
    var now = input.now;
    var kind = classify(input.userAgent, input.maxTouchPoints || 0);

    function answer(show, reason) {
      return { show: show, reason: reason, platform: kind.platform, browser: kind.browser };
    }
    if (kind.platform === "other") return answer(false, "desktop");
    if (!options[kind.platform]) return answer(false, "no-app");
    if (input.standalone) return answer(false, "standalone");
    // Safari on iOS shows Apple's Smart App Banner from the apple-itunes-app tag: never a second banner.
    if (kind.platform === "ios" && kind.browser === "safari") return answer(false, "native-banner");
    if (state.dismissedAt && now - state.dismissedAt < (options.dismissDays || 0) * DAY) {
      return answer(false, "dismissed");
    }
    if (state.clickedAt && now - state.clickedAt < (options.clickDays || 0) * DAY) {
      return answer(false, "clicked");
    }
    if (options.maxViews > 0) {
      var since = now - (options.capDays || 0) * DAY;
      var recent = (state.views || []).filter(function (time) {
        return time > since;
      });
      if (recent.length >= options.maxViews) return answer(false, "capped");
    }
    return answer(true, "show");
  }

  /* The state after one more view: views outside the cap window are forgotten. */
  function withView(state, now, capDays) {
    var since = now - (capDays || 0) * DAY;
    var views = (state.views || []).filter(function (time) {
      return time > since;
    });
    views.push(now);
    return Object.assign({}, state, { views: views });
  }

  // --- In the page ----------------------------------------------------------------------------------------

  function load(storage) {
    try {
      return JSON.parse(storage.getItem(STORAGE_KEY) || "{}") || {};
    } catch (error) {
      return {};
    }
  }

  function save(storage, state) {
    try {
      storage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (error) {
      /* storage full or refused: the banner simply comes back */
    }
  }

  function storageOf(win) {
    try {
      var storage = win.localStorage;
      storage.setItem(STORAGE_KEY + ".probe", "1");
      storage.removeItem(STORAGE_KEY + ".probe");
      return storage;
    } catch (error) {
      return null; // no storage (privacy mode, blocked): a banner that cannot remember "close" stays away
    }
  }

  function isStandalone(win) {
    return (
      (win.matchMedia && win.matchMedia("(display-mode: standalone)").matches) ||
      win.navigator.standalone === true
    );
  }

  function number(element, name) {
    return parseInt(element.getAttribute("data-" + name), 10) || 0;
  }

  function init(win) {
    var doc = win.document;
    var banner = doc.getElementById("socialshop-app-banner");
    if (!banner) return null;
    var storage = storageOf(win);
    var options = {
      ios: banner.hasAttribute("data-ios"),
      android: banner.hasAttribute("data-android"),
      dismissDays: number(banner, "dismiss-days"),
      clickDays: number(banner, "click-days"),
      maxViews: number(banner, "max-views"),
      capDays: number(banner, "cap-days"),
    };
    var now = Date.now();
    var state = storage ? load(storage) : {};
    var result = decide({
      userAgent: win.navigator.userAgent,
      maxTouchPoints: win.navigator.maxTouchPoints,
      standalone: isStandalone(win),
      now: now,
      state: state,
      options: options,
    });
    if (result.show && !storage) result = { show: false, reason: "no-storage", platform: result.platform };
    banner.setAttribute("data-decision", result.reason);
    if (!result.show) return result;

    save(storage, withView(state, now, options.capDays));
    var links = banner.querySelectorAll("a[data-app-action]");
    for (var i = 0; i < links.length; i++) {
      links[i].href += "&platform=" + result.platform; // the server picks the store and deep link from it
      links[i].addEventListener("click", remember);
    }
    banner.querySelector("[data-app-dismiss]").addEventListener("click", dismiss);
    doc.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !banner.hidden) dismiss();
    });
    banner.hidden = false;
    // The banner floats over the page (no layout shift); room at the end so it never hides the footer.
    doc.body.style.paddingBottom = banner.offsetHeight + "px";
    useInstallPrompt(win, banner);
    hideInstallIfInstalled(win, banner);
    return result;

    function remember() {
      var latest = load(storage);
      latest.clickedAt = Date.now();
      save(storage, latest);
      win.setTimeout(hide, 0);
    }

    function dismiss() {
      var latest = load(storage);
      latest.dismissedAt = Date.now();
      save(storage, latest);
      hide();
    }

    function hide() {
      banner.hidden = true;
      doc.body.style.paddingBottom = "";
    }
  }

  /* Chromium on Android offers its own install dialog for the related Play app (manifest
   * prefer_related_applications): use it for "Install" when the browser gives us the event. */
  var deferredPrompt = null;
  function useInstallPrompt(win, banner) {
    var install = banner.querySelector('a[data-app-action="install"]');
    if (!install) return;
    install.addEventListener("click", function (event) {
      if (!deferredPrompt) return; // plain link to the store, through the click counter
      event.preventDefault();
      if (win.navigator.sendBeacon) win.navigator.sendBeacon(install.href + "&beacon=1");
      deferredPrompt.prompt();
      deferredPrompt = null;
    });
  }

  function hideInstallIfInstalled(win, banner) {
    if (!win.navigator.getInstalledRelatedApps) return;
    win.navigator
      .getInstalledRelatedApps()
      .then(function (apps) {
        var install = banner.querySelector('a[data-app-action="install"]');
        if (apps && apps.length && install) install.hidden = true;
      })
      .catch(function () {});
  }

  var api = { classify: classify, decide: decide, withView: withView, init: init };
  root.socialshopAppBanner = api;
  if (typeof module === "object" && module.exports) module.exports = api;

  if (root.document && root.addEventListener) {
    root.addEventListener("beforeinstallprompt", function (event) {
      if (!root.document.getElementById("socialshop-app-banner")) return;
      event.preventDefault(); // our banner offers it instead of Chrome's mini-infobar
      deferredPrompt = event;
    });
    if (root.document.readyState === "loading") {
      root.document.addEventListener("DOMContentLoaded", function () {
        init(root);
      });
    } else {
      init(root);
    }
  }
})(typeof window !== "undefined" ? window : this);
