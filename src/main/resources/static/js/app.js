// Progressive enhancement only: every page works without this file.
// Served from our own origin so the Content-Security-Policy can forbid inline script.
document.addEventListener('click', (event) => {
  const copy = event.target.closest('[data-copy]');
  if (copy && navigator.clipboard) {
    navigator.clipboard.writeText(copy.dataset.copy).then(() => {
      copy.textContent = copy.dataset.copied || copy.textContent;
    });
  }
  if (event.target.closest('[data-print]')) {
    window.print();
  }
});

document.addEventListener('submit', (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// After a re-check the page names the action that can be done now; its button gets the focus.
document.addEventListener('DOMContentLoaded', () => {
  const action = document.querySelector('main[data-focus-action]')?.dataset.focusAction;
  if (action) {
    const button = [...document.querySelectorAll('form')]
      .find((form) => form.getAttribute('action') === action)?.querySelector('button[type=submit], button:not([type])');
    button?.focus();
  }
});
