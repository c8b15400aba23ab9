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
  const form = event.target;
  const message = form.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
    return;
  }
  // A second click while the page is on its way would send the form twice (a used code, a
  // trusted device's replaced secret): only the first goes. Back/forward cache restores reset it.
  if (form.dataset.sent) {
    event.preventDefault();
    return;
  }
  form.dataset.sent = 'true';
});
window.addEventListener('pageshow', () => {
  for (const form of document.querySelectorAll('form[data-sent]')) {
    delete form.dataset.sent;
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

// Times are written in UTC by the server; shown here in the person's own time zone and in the
// page's language, with the UTC text kept as the tooltip.
document.addEventListener('DOMContentLoaded', () => {
  const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  });
  const withSeconds = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  for (const time of document.querySelectorAll('time[datetime]')) {
    const when = new Date(time.getAttribute('datetime'));
    if (!Number.isNaN(when.getTime())) {
      time.title = time.textContent.trim();
      time.textContent = (time.dataset.seconds ? withSeconds : format).format(when);
    }
  }
});

// A field with a pattern says our own message when it does not match, not the browser's generic one.
document.addEventListener('invalid', (event) => {
  const field = event.target;
  if (field.validity && field.validity.patternMismatch && field.title) {
    field.setCustomValidity(field.title);
  }
}, true);
document.addEventListener('input', (event) => {
  if (event.target.setCustomValidity) {
    event.target.setCustomValidity('');
  }
});
