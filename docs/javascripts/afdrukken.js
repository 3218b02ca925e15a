// Printing: a print button on printable pages (question lists), and the full address
// of each link in the content kept in data-wtb-href, which the print stylesheet shows
// after the link text. A static file: the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";
  var article = document.querySelector(".md-content article");
  if (!article) {
    return;
  }
  article.querySelectorAll("a[href]").forEach(function (link) {
    var href = link.getAttribute("href");
    var text = link.textContent.trim();
    if (!href || href.charAt(0) === "#" || /^(mailto|tel):/.test(href)) {
      return;
    }
    if (link.matches(".headerlink, .md-button") || text === href || text === link.href) {
      return;
    }
    link.setAttribute("data-wtb-href", link.href);
  });
  var list = article.querySelector(".wtb-checklist");
  if (!list || typeof window.print !== "function") {
    return;
  }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "md-button wtb-print-button";
  button.textContent = "Afdrukken";
  button.addEventListener("click", function () {
    window.print();
  });
  var heading = article.querySelector("h1");
  (heading || list).insertAdjacentElement(heading ? "afterend" : "beforebegin", button);
})();
