// Mock exam enhancements. Cosmetic only: the server owns the deadline and submits at the limit;
// without this file the page still shows the time left and every button works.
(() => {
  const timer = document.getElementById("exam-timer");
  if (timer) {
    const end = Date.now() + Number(timer.dataset.remaining || 0) * 1000;
    const alertBox = document.getElementById("exam-timer-alert");
    let warned = false;
    const format = (s) => {
      const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
      const mm = h ? String(m).padStart(2, "0") : String(m);
      return (h ? h + ":" : "") + mm + ":" + String(sec).padStart(2, "0");
    };
    const tick = () => {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      timer.textContent = format(left);
      if (left <= 300 && !warned && alertBox) {
        warned = true;
        alertBox.textContent = "Five minutes or less left.";
      }
      if (left === 0) {
        clearInterval(handle);
        // Any request after the deadline submits the exam and shows the report.
        window.location.reload();
      }
    };
    const handle = setInterval(tick, 1000);
  }

  const form = document.getElementById("exam-form");
  if (!form) return;
  // A refused answer (400) carries its "Not saved: …" message: show it instead of dropping it.
  form.addEventListener("htmx:beforeSwap", (event) => {
    if (event.detail.xhr.status === 400) { event.detail.shouldSwap = true; event.detail.isError = false; }
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const tag = (event.target.tagName || "").toLowerCase();
    if (tag === "textarea" || tag === "select" || (tag === "input" && !["radio", "checkbox"].includes(event.target.type))) return;
    const key = event.key.toLowerCase();
    if (/^[1-9]$/.test(key)) {
      const input = form.querySelector(`input[data-key="${key}"]`);
      if (!input || input.disabled) return; // review mode: an answer with its feedback is locked
      input.checked = input.type === "checkbox" ? !input.checked : true;
      input.focus();
      input.dispatchEvent(new Event("change", { bubbles: true }));
      event.preventDefault();
    } else if (key === "f") {
      const flag = document.getElementById("flagged");
      flag.checked = !flag.checked;
      flag.dispatchEvent(new Event("change", { bubbles: true }));
      event.preventDefault();
    } else if (key === "n" || key === "p") {
      const button = form.querySelector(`button[name="go"][value="${key === "n" ? "next" : "prev"}"]`)
        || (key === "n" && form.querySelector('button[name="go"][value="review"]'));
      if (button && !button.disabled) { button.click(); event.preventDefault(); }
    }
  });
})();
