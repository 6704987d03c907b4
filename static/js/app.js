// Small progressive enhancements; every page works without this file.
document.addEventListener("htmx:afterSwap", (event) => {
  // Move focus to the swapped region's first heading so keyboard and screen-reader users follow the swap.
  const target = event.detail.target;
  const focusTarget = target && target.querySelector("[data-autofocus], h1, h2");
  if (focusTarget) {
    if (!focusTarget.hasAttribute("tabindex")) focusTarget.setAttribute("tabindex", "-1");
    focusTarget.focus({ preventScroll: false });
  }
});
