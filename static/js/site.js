// Small enhancements on top of htmx. Everything works without this file.
"use strict";

// After a swap started by a filter chip or a page link, the element that had
// focus is gone; move focus to the results heading so keyboard and screen
// reader users continue from the new results, not from the top of the page.
document.addEventListener("htmx:afterSettle", (event) => {
  const trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (trigger && trigger.hasAttribute("data-focus-results")) {
    const heading = document.getElementById("results-heading");
    if (heading) heading.focus();
  }
});

// Back and Forward ask the server for the page of the new URL whenever htmx keeps
// no snapshot of it (pages with hx-history="false", such as the search, whose
// snapshot would lose what is typed and ticked). Pressed in quick succession,
// two of these requests are on their way at once and htmx swaps in each answer
// as it lands: a slow answer for the earlier URL could replace the page of the
// current one, e.g. Remote unticked under a URL that says remote. Only the
// newest restore may land, so a new one (from the server or from a snapshot)
// drops the one still on its way.
let pendingRestore = null;
function dropPendingRestore() {
  if (pendingRestore) pendingRestore.abort();
  pendingRestore = null;
}
document.addEventListener("htmx:historyCacheHit", dropPendingRestore);
document.addEventListener("htmx:historyCacheMiss", (event) => {
  dropPendingRestore();
  const request = event.detail.xhr;
  pendingRestore = request;
  request.addEventListener("loadend", () => {
    if (pendingRestore === request) pendingRestore = null;
  });
});

// Links that act as buttons (role="button": the navbar toggler, "Filters (n)") are links
// so that they work without JavaScript; with it, Space presses them as it presses a button.
document.addEventListener("keydown", (event) => {
  if (event.key === " " && event.target.matches('a[role="button"]')) {
    event.preventDefault();
    event.target.click();
  }
});

// Searching from the filters panel on a phone: close the panel to show the new results.
document.addEventListener("submit", (event) => {
  const panel = event.target.closest(".offcanvas-lg.show");
  if (panel && window.bootstrap) window.bootstrap.Offcanvas.getOrCreateInstance(panel).hide();
});
