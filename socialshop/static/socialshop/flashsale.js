/* Flash sales: live countdowns and the remaining-units bar. Progressive enhancement: the server already
   rendered the times and figures; this only keeps them ticking. No third-party code. */
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function format(ms, daySuffix) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    var rest = pad(h) + ":" + pad(m) + ":" + pad(s % 60);
    return d > 0 ? d + " " + daySuffix + " " + rest : rest;
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-socialshop-countdown]").forEach(function (el) {
      var target = Date.parse(el.getAttribute("datetime"));
      if (isNaN(target)) { return; }
      var left = target - now;
      el.textContent = format(left, el.getAttribute("data-day-suffix") || "d");
      if (left <= 0 && !el.hasAttribute("data-done")) {
        el.setAttribute("data-done", "");
        var done = el.getAttribute("data-done-text");
        if (done) { el.textContent = done; }
      }
    });
  }

  function refreshStatus(box) {
    var url = box.getAttribute("data-status-url");
    if (!url || !window.fetch) { return; }
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (status) {
        if (!status) { return; }
        var remaining = box.querySelector("[data-remaining]");
        var bar = box.querySelector("progress");
        if (remaining) { remaining.textContent = status.remaining; }
        if (bar) { bar.value = status.cap - status.remaining; }
      })
      .catch(function () { /* the server-rendered figures stay */ });
  }

  function start() {
    tick();
    window.setInterval(tick, 1000);
    document.querySelectorAll("[data-status-url]").forEach(function (box) {
      window.setInterval(function () { refreshStatus(box); }, 15000);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
