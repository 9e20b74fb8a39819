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
