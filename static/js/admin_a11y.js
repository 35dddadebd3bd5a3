// Django's filter widget (SelectFilter2) labels its search icons with aria-label on a plain span, which assistive
// technologies ignore (axe-core: aria-prohibited-attr): they are images, say so. The widget builds them on "load".
"use strict";
window.addEventListener("load", function () {
  window.setTimeout(function () {
    document.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }, 0);
});
