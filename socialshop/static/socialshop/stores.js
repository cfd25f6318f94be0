/* "Check in-store availability" (socialshop): enhances the server-rendered form of
 * {% socialshop_store_availability %}. Asks for the browser's position only when the shopper clicks "Use my
 * location" (or at once when permission was granted before), keeps the chosen variant in sync with the
 * page's variant selector, and remembers the shopper's shop in localStorage and a cookie (read by the server
 * and the checkout). No third-party code; the page works without this file. */
(function () {
  "use strict";

  var STORAGE_KEY = "socialshop.store";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function remember(root, store) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ reference: store.reference, name: store.name }));
    } catch (e) { /* private mode: the cookie is enough */ }
    var cookie = root.getAttribute("data-cookie");
    if (cookie) {
      document.cookie = cookie + "=" + encodeURIComponent(store.reference) +
        "; path=/; max-age=31536000; SameSite=Lax" + (location.protocol === "https:" ? "; Secure" : "");
    }
    root.setAttribute("data-remembered", store.reference);
  }

  function rememberedReference(root) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
      if (saved && saved.reference) return saved.reference;
    } catch (e) { /* ignore */ }
    return root.getAttribute("data-remembered") || "";
  }

  function init(root) {
    var form = root.querySelector("form.socialshop-stores-form");
    var results = root.querySelector(".socialshop-stores-results");
    var locate = root.querySelector("[data-locate]");
    var endpoint = root.getAttribute("data-endpoint");
    var i18n = results.dataset;
    var lastPlace = null;

    function productId() {
      return form.elements.product.value;
    }

    function message(text, className) {
      results.replaceChildren(el("p", className || "text-muted", text));
    }

    function render(answer) {
      if (!answer.stores.length) {
        message(i18n.i18nEmpty);
        return;
      }
      var mine = rememberedReference(root);
      var list = el("ol", "list-unstyled socialshop-stores-list");
      answer.stores.forEach(function (store) {
        var item = el("li", "socialshop-store border-bottom py-2");
        item.setAttribute("data-store", store.reference);
        var head = el("div", "d-flex justify-content-between");
        var link = el("a", "font-weight-bold", store.name);
        link.href = store.url;
        head.appendChild(link);
        if (store.distance_km !== null) {
          head.appendChild(el("span", "text-muted", store.distance_km.toLocaleString(document.documentElement.lang || undefined, { maximumFractionDigits: 1 }) + " " + i18n.i18nKm));
        }
        item.appendChild(head);
        item.appendChild(el("div", "socialshop-availability socialshop-availability--" + store.availability.code, store.availability.label));
        if (store.variants) {
          var variants = el("ul", "small list-unstyled mb-1");
          store.variants.forEach(function (variant) {
            variants.appendChild(el("li", "", variant.title + " — " + variant.availability.label));
          });
          item.appendChild(variants);
        }
        var details = el("div", "small text-muted",
          i18n.i18nToday + " " + store.opening_today.label + (store.pickup ? " · " + store.ready_in.label : ""));
        item.appendChild(details);
        if (store.reference === mine) {
          item.appendChild(el("span", "badge badge-success socialshop-store-mine", i18n.i18nMine));
        } else {
          var choose = el("button", "btn btn-link btn-sm p-0", i18n.i18nChoose);
          choose.type = "button";
          choose.addEventListener("click", function () {
            remember(root, store);
            render(answer);
          });
          item.appendChild(choose);
        }
        list.appendChild(item);
      });
      results.replaceChildren(list);
    }

    function search(place) {
      lastPlace = place;
      var params = new URLSearchParams({ product: productId() });
      Object.keys(place).forEach(function (key) { params.set(key, place[key]); });
      message(i18n.i18nSearching);
      fetch(endpoint + "?" + params.toString(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.json().then(function (body) { return { ok: response.ok, body: body }; });
        })
        .then(function (result) {
          if (result.ok) {
            render(result.body);
          } else {
            var errors = result.body.errors || {};
            var first = Object.keys(errors).map(function (key) { return errors[key][0].message; })[0];
            message(first || i18n.i18nError, "text-danger");
          }
        })
        .catch(function () { message(i18n.i18nError, "text-danger"); });
    }

    function locateMe() {
      navigator.geolocation.getCurrentPosition(
        function (position) {
          search({ lat: position.coords.latitude.toFixed(5), lng: position.coords.longitude.toFixed(5) });
        },
        function () { message(i18n.i18nDenied, "text-warning"); },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
      );
    }

    form.addEventListener("submit", function (event) {
      var q = form.elements.q.value.trim();
      if (!q) return; // let the server-rendered page explain what is missing
      event.preventDefault();
      search({ q: q });
    });

    // Keep the widget's variant in sync with a variant selector of the page (Oscar's child_id), both ways.
    var pageSelect = document.querySelector("form select[name=child_id]");
    var ownSelect = form.querySelector("select[name=product]");
    function variantChanged(value) {
      if (ownSelect && ownSelect.value !== value && ownSelect.querySelector("option[value='" + value + "']")) ownSelect.value = value;
      if (pageSelect && pageSelect.value !== value && pageSelect.querySelector("option[value='" + value + "']")) pageSelect.value = value;
      if (lastPlace) search(lastPlace);
    }
    if (pageSelect) pageSelect.addEventListener("change", function () { variantChanged(pageSelect.value); });
    if (ownSelect) ownSelect.addEventListener("change", function () { variantChanged(ownSelect.value); });
    if (pageSelect && ownSelect && ownSelect.querySelector("option[value='" + pageSelect.value + "']")) ownSelect.value = pageSelect.value;

    if (locate && "geolocation" in navigator) {
      locate.hidden = false;
      locate.addEventListener("click", locateMe);
      // Permission given on an earlier visit: search at once, without prompting.
      if (navigator.permissions && navigator.permissions.query) {
        navigator.permissions.query({ name: "geolocation" }).then(function (status) {
          if (status.state === "granted" && !lastPlace) locateMe();
        }, function () { /* not supported */ });
      }
    }
  }

  function start() {
    document.querySelectorAll("[data-socialshop-stores]").forEach(init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
