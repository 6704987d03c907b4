// Keyboard for /study/ and /practice/: Space shows the answer, 1–4 rate, 1–9 pick choices, Enter checks
// or continues. Every key has a real button too; typing in a field is never intercepted.
(() => {
  const TYPING = "textarea, select, [contenteditable], input:not([type=radio]):not([type=checkbox])";
  const NATIVE = "button, a, summary";

  // htmx binds swapped-in content after its settle delay (20 ms); a key pressed inside that window
  // would submit the form natively (a full page load). Binding it first is idempotent.
  const bound = (el) => { if (el && window.htmx) window.htmx.process(el); return el; };
  const card = () => bound(document.querySelector("[data-study-card]"));
  const click = (el) => { if (el && !el.disabled) { el.click(); return true; } return false; };

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.altKey || event.isComposing) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target && target.closest(TYPING)) return;
    const undo = (event.ctrlKey || event.metaKey) ? event.key === "z" : event.key === "u" || event.key === "U";
    if (undo && !event.shiftKey) {
      const form = bound(document.querySelector("[data-undo-form]"));
      if (form) { form.requestSubmit(); event.preventDefault(); }
      return;
    }
    if (event.ctrlKey || event.metaKey) return;
    const current = card();
    if (!current) return;
    const stage = current.dataset.stage;
    const onNative = target && target.closest(NATIVE);
    const key = event.key;
    let handled = false;

    if (stage === "front") {
      const reveal = current.querySelector("[data-reveal]");
      if (key === " " && reveal && !reveal.open && !onNative) {
        reveal.open = true;
        const first = reveal.querySelector("[data-rating]");
        if (first) first.focus();
        handled = true;
      } else if (/^[1-4]$/.test(key) && reveal && reveal.open) {
        handled = click(current.querySelector(`[data-rating="${key}"]`));
      }
    } else if (stage === "choose") {
      if (/^[1-9]$/.test(key)) {
        const input = current.querySelector(`[data-choice-key="${key}"]`);
        if (input) {
          input.checked = input.type === "radio" ? true : !input.checked;
          input.focus();
          handled = true;
        }
      } else if (key === "Enter" && !onNative) {
        const form = current.querySelector("[data-choice-form]");
        if (form) { form.requestSubmit(); handled = true; }
      }
    } else if (stage === "rate") {
      if (key === "Enter" && !onNative) handled = click(current.querySelector("[data-default]"));
      else if (/^[1-4]$/.test(key)) handled = click(current.querySelector(`[data-rating="${key}"]`));
    } else if (stage === "next") {
      if (key === "Enter" && !onNative) handled = click(current.querySelector("[data-next]"));
    }
    if (handled) event.preventDefault();
  });
})();
