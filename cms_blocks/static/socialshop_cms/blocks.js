/* Social post blocks: the post's HTML waits in a <template> (inert: nothing is requested from the network)
   until the reader clicks "Show the post"; only then is it inserted, and its scripts and iframes load. */
(function () {
  "use strict";

  function reveal() {
    document.querySelectorAll("[data-socialshop-embed-load], [data-socialshop-embed-notice]").forEach(
      function (element) { element.hidden = false; }
    );
  }

  function show(button) {
    var block = button.closest("[data-socialshop-embed]");
    var source = block && block.querySelector("template[data-socialshop-embed-html]");
    var target = block && block.querySelector("[data-socialshop-embed-target]");
    if (!source || !target) { return; }
    target.replaceChildren(document.importNode(source.content, true));
    block.classList.add("is-loaded");
    button.remove();
    var notice = block.querySelector("[data-socialshop-embed-notice]");
    if (notice) { notice.remove(); }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-socialshop-embed-load]");
    if (button) { show(button); }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
