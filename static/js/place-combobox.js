// The location box's suggestions (templates/includes/search_fields.html#location_box):
// an ARIA 1.2 combobox. htmx fills the listbox as the user types; this file opens
// and closes it and lets the keyboard move through it (Down/Up, Enter picks,
// Escape closes) while focus stays in the box. Without it the box is plain text.
"use strict";

(() => {
  const listboxOf = (input) => document.getElementById(input.getAttribute("aria-controls"));
  const optionsOf = (listbox) => Array.from(listbox.querySelectorAll('[role="option"]'));

  function setActive(input, option) {
    const listbox = listboxOf(input);
    for (const each of optionsOf(listbox)) {
      const active = each === option;
      each.classList.toggle("active", active);
      each.setAttribute("aria-selected", active ? "true" : "false");
    }
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function open(input, show) {
    const listbox = listboxOf(input);
    const visible = show && optionsOf(listbox).length > 0;
    listbox.hidden = !visible;
    input.setAttribute("aria-expanded", visible ? "true" : "false");
    if (!visible) setActive(input, null);
  }

  function pick(input, option) {
    const lines = document.getElementById(input.dataset.comboboxAddsTo || "");
    open(input, false);
    if (lines) {
      // The job form's "Add a location": the place becomes a line of the Locations box.
      addLine(lines, option.dataset.value);
      input.value = "";
      return;
    }
    input.value = option.dataset.value;
    // Search with the picked place, as pressing Enter in the box would.
    if (input.form) input.form.requestSubmit();
  }

  function addLine(textarea, line) {
    const lines = textarea.value.split("\n").map((each) => each.trim()).filter(Boolean);
    if (!lines.includes(line)) lines.push(line);
    textarea.value = lines.join("\n");
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // Parts that only work with this script (the job form's location adder) start hidden.
  for (const each of document.querySelectorAll("[data-needs-js]")) each.hidden = false;

  // New options arrived: show them, none active yet (the typed text stays as typed).
  document.addEventListener("htmx:afterSwap", (event) => {
    const input = document.querySelector(`[data-combobox][aria-controls="${event.target.id}"]`);
    if (input) open(input, document.activeElement === input);
  });

  document.addEventListener("keydown", (event) => {
    const input = event.target;
    if (!input.matches || !input.matches("[data-combobox]")) return;
    const listbox = listboxOf(input);
    const options = optionsOf(listbox);
    const active = listbox.querySelector('[aria-selected="true"]');
    const index = options.indexOf(active);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) return;
      event.preventDefault();
      open(input, true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      const first = step > 0 ? 0 : options.length - 1;
      setActive(input, options[index < 0 ? first : (index + step + options.length) % options.length]);
    } else if (event.key === "Enter" && active && !listbox.hidden) {
      event.preventDefault();
      pick(input, active);
    } else if (event.key === "Escape" && !listbox.hidden) {
      // Close the list; a second Escape clears the box as a search box does.
      event.preventDefault();
      open(input, false);
    }
  });

  // mousedown, not click: a click would blur the box first and close the list.
  document.addEventListener("mousedown", (event) => {
    const option = event.target.closest && event.target.closest('[role="option"]');
    const listbox = option && option.closest('[role="listbox"]');
    const input = listbox && document.querySelector(`[data-combobox][aria-controls="${listbox.id}"]`);
    if (input) {
      event.preventDefault();
      pick(input, option);
    }
  });

  document.addEventListener("focusout", (event) => {
    if (event.target.matches && event.target.matches("[data-combobox]")) open(event.target, false);
  });
})();
