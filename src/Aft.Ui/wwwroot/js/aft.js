// Small enhancements on server-rendered pages; every page works without them.

// Forms, or the buttons that submit them, marked data-confirm ask before they post (deletes, revokes, cancels).
document.addEventListener("submit", (event) => {
  const form = event.target instanceof HTMLFormElement ? event.target : null;
  const message = event.submitter?.dataset.confirm ?? form?.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// Buttons marked data-copy copy the text of the element whose id they name, and say so.
document.addEventListener("click", async (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-copy]") : null;
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  await navigator.clipboard.writeText(source.textContent.trim());
  const label = button.textContent;
  button.textContent = "Copied";
  setTimeout(() => { button.textContent = label; }, 2000);
});
