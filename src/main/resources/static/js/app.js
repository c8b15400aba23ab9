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
