// Starts Swagger UI on the /schema page. An external file, not an inline script, so the page
// runs under script-src 'self'. The document's URL comes from the page (data-spec-url).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  var url = root.getAttribute("data-spec-url");

  // Swagger UI leaves two gaps that axe-core reports as serious once an operation is open:
  // parameter <select>s with no accessible name, and scrollable code samples that a keyboard
  // cannot reach. Mend them on every render.
  function mend() {
    root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (el) {
      el.setAttribute("aria-label", el.closest("tr").getAttribute("data-param-name"));
    });
    root.querySelectorAll("pre.microlight:not([tabindex])").forEach(function (el) {
      el.setAttribute("tabindex", "0");
    });
  }
  new MutationObserver(mend).observe(root, { childList: true, subtree: true });

  function start(spec) {
    // "Try it out" calls the server that serves this page: the document's `servers` names the
    // default local address, which another port or host would reach only across origins.
    delete spec.servers;
    window.ui = SwaggerUIBundle({
      spec: spec,
      domNode: root,
      // Deep links put a link inside each operation's toggle button (nested controls that
      // keyboard and screen-reader users cannot reach); the page keeps one control per row.
      deepLinking: false,
      // Never send the document to the public validator (an outside request), and never let
      // ?url= or ?configUrl= in the address point the page at another document.
      validatorUrl: null,
      queryConfigEnabled: false,
      presets: [SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
      syntaxHighlight: false,
    });
  }

  fetch(url, { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) throw new Error(url + " answered " + response.status);
      return response.json();
    })
    .then(start)
    .catch(function (error) {
      var message = document.createElement("p");
      message.setAttribute("role", "alert");
      message.textContent = "The OpenAPI document could not be loaded (" + error.message + ").";
      root.append(message);
    });
})();
