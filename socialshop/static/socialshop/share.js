/*
 * socialshop share buttons: progressive enhancement only. Without this script every button is a plain link
 * to the shop's /share/ endpoint, which counts the click and redirects. With it:
 * - the native share sheet (Web Share API) appears where the browser offers one;
 * - "Copy link" copies the UTM-tagged URL instead of navigating;
 * - network dialogs open in a small window;
 * - Mastodon asks for the visitor's server once and remembers it (localStorage);
 * - pinnable images get a "Pin it" button on hover and keyboard focus.
 * No framework, no third-party request: clicks are recorded by the same /share/ links (fetch, not followed).
 */
(function () {
  "use strict";

  var MASTODON_KEY = "socialshop.mastodon";
  var LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
  var HOSTNAME = new RegExp("^(?:" + LABEL + "\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$");

  /* Count a click without leaving the page: the endpoint answers 302, which is not followed. */
  function record(href) {
    if (!window.fetch) { return; }
    window.fetch(href, { credentials: "same-origin", redirect: "manual", keepalive: true })
      .catch(function () { /* counting is best effort */ });
  }

  function announce(bar, message) {
    var status = bar.querySelector(".socialshop-share__status");
    if (!status) { return; }
    status.textContent = message;
    window.clearTimeout(status._socialshopTimer);
    status._socialshopTimer = window.setTimeout(function () { status.textContent = ""; }, 5000);
  }

  /* A small window for the network's dialog; false when blocked, so the link's own target=_blank works. */
  function openPopup(href) {
    var width = 600, height = 640;
    var left = Math.max(0, (window.screenX || 0) + (window.outerWidth - width) / 2);
    var top = Math.max(0, (window.screenY || 0) + (window.outerHeight - height) / 2);
    var features = "popup=yes,width=" + width + ",height=" + height + ",left=" + left + ",top=" + top;
    var popup = window.open(href, "socialshop-share", features);
    if (!popup) { return false; }
    try { popup.opener = null; } catch (error) { /* already cross-origin */ }
    return true;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      document.body.removeChild(field);
      (copied ? resolve : reject)();
    });
  }

  function storage(action, value) {
    try {
      if (action === "get") { return window.localStorage.getItem(MASTODON_KEY) || ""; }
      window.localStorage.setItem(MASTODON_KEY, value);
    } catch (error) { /* storage disabled: the visitor will be asked again */ }
    return "";
  }

  /* Same rules as the server (which checks again): a bare hostname, maybe pasted as a URL or @user@host. */
  function cleanInstance(value) {
    var text = (value || "").trim().toLowerCase();
    if (text.indexOf("@") !== -1 && text.indexOf("://") === -1) { text = text.slice(text.lastIndexOf("@") + 1); }
    else if (text.indexOf("https://") === 0) { text = text.slice(8).replace(/\/+$/, ""); }
    return text.length <= 253 && HOSTNAME.test(text) ? text : "";
  }

  function shareOnMastodon(bar, link, event) {
    var instance = cleanInstance(storage("get"));
    if (!instance) {
      var answer = window.prompt(bar.getAttribute("data-mastodon-prompt") || "Mastodon", "");
      if (answer === null) { event.preventDefault(); return; }
      instance = cleanInstance(answer);
      if (instance) { storage("set", instance); }
      else { instance = answer; } /* the server's form then says what to type */
    }
    var href = link.href + (link.href.indexOf("?") === -1 ? "?" : "&") + "instance=" + encodeURIComponent(instance);
    event.preventDefault();
    if (!openPopup(href)) { window.location.href = href; }
  }

  function nativeShare(bar, button) {
    var data = {
      title: bar.getAttribute("data-share-title") || document.title,
      text: bar.getAttribute("data-share-text") || "",
      url: button.getAttribute("data-share-url")
    };
    navigator.share(data).then(function () {
      record(button.getAttribute("data-share-href"));
    }).catch(function (error) {
      if (error && error.name === "AbortError") { return; } /* the visitor closed the sheet */
      announce(bar, bar.getAttribute("data-share-failed") || "");
    });
  }

  function enhanceBar(bar) {
    var nativeButton = bar.querySelector("[data-share-kind='native']");
    if (nativeButton && navigator.share) {
      var probe = { url: nativeButton.getAttribute("data-share-url") };
      if (!navigator.canShare || navigator.canShare(probe)) {
        nativeButton.parentNode.hidden = false;
      }
    }

    bar.addEventListener("click", function (event) {
      var control = event.target.closest("[data-share-kind]");
      if (!control || !bar.contains(control)) { return; }
      var kind = control.getAttribute("data-share-kind");
      if (kind === "native") {
        nativeShare(bar, control);
      } else if (kind === "copy") {
        event.preventDefault();
        copyText(control.getAttribute("data-share-url")).then(function () {
          announce(bar, bar.getAttribute("data-copied"));
          record(control.href);
        }, function () {
          announce(bar, bar.getAttribute("data-copy-failed"));
        });
      } else if (kind === "mastodon") {
        shareOnMastodon(bar, control, event);
      } else if (control.hasAttribute("data-share-popup") && openPopup(control.href)) {
        event.preventDefault();
      }
    });
  }

  function pinButton(image) {
    var host = image.parentNode;
    if (!host || host.querySelector(":scope > .socialshop-pinit")) { return; }
    var link = document.createElement("a");
    link.className = "socialshop-pinit";
    link.href = image.getAttribute("data-socialshop-pin");
    link.rel = "nofollow noopener";
    link.target = "_blank";
    var label = document.createElement("span");
    label.textContent = image.getAttribute("data-socialshop-pin-label") || "Pin it";
    link.appendChild(label);
    if (image.alt) { /* several images, several buttons: say which one (the name starts with the text) */
      link.setAttribute("aria-label", label.textContent + " – " + image.alt);
    }
    link.addEventListener("click", function (event) {
      if (openPopup(link.href)) { event.preventDefault(); }
    });
    /* Over the image's top-left corner, wherever the gallery centres it in its frame. */
    function place() {
      link.style.left = (image.offsetLeft + 12) + "px";
      link.style.top = (image.offsetTop + 12) + "px";
    }
    host.classList.add("socialshop-pinit-host");
    host.insertBefore(link, image.nextSibling);
    host.addEventListener("mouseenter", place);
    link.addEventListener("focus", place);
    if (image.complete) { place(); } else { image.addEventListener("load", place); }
  }

  function rememberFormInstance(form) {
    form.addEventListener("submit", function () {
      var field = form.querySelector("input[name='instance']");
      var instance = field && cleanInstance(field.value);
      if (instance) { storage("set", instance); }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-socialshop-share]"), enhanceBar);
    Array.prototype.forEach.call(document.querySelectorAll("img[data-socialshop-pin]"), pinButton);
    Array.prototype.forEach.call(document.querySelectorAll("[data-socialshop-mastodon-form]"), rememberFormInstance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
