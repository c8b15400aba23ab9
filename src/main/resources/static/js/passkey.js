// Passkeys and security keys (WebAuthn). A form marked data-passkey="create" or "get" asks the
// server for options (data-options), hands them to the browser's authenticator, and is then sent
// as an ordinary form with the authenticator's answer in its hidden "credential" field: the server
// checks it and answers with a page, as for any other form. Served from our own origin, so the
// Content-Security-Policy can forbid inline script.
(() => {
  const base64url = {
    encode(buffer) {
      return btoa(String.fromCharCode(...new Uint8Array(buffer)))
        .replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');
    },
    decode(text) {
      const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
      return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
    },
  };
  const supported = () => !!(window.PublicKeyCredential && navigator.credentials);
  let pending = null;
  // One ceremony at a time: a new one (a click) cancels the one waiting (passkey autofill).
  const signal = () => {
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    return pending.signal;
  };

  class Shown extends Error {}

  class ServerSaid extends Error {}

  // conditional: asked by the page itself (passkey autofill), not by a click. Then nothing but
  // options are of use: a redirect or an error leaves the page as it is, never navigates away.
  // The server keeps one challenge per page and purpose, the last asked for: a click waits for the
  // autofill's request still on its way, so that its own challenge is the one kept.
  let autofillAsking = Promise.resolve();
  async function options(form, conditional) {
    if (!conditional) {
      await autofillAsking;
    }
    const token = form.querySelector('input[name="_csrf"]');
    const asked = fetch(form.dataset.options, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(token ? { 'X-CSRF-TOKEN': token.value } : {}) },
    });
    if (conditional) {
      autofillAsking = asked.then(() => undefined, () => undefined);
    }
    const response = await asked;
    const type = response.headers.get('Content-Type') || '';
    if (conditional && (!response.ok || response.redirected || !type.includes('json'))) {
      throw new Shown();
    }
    if (response.redirected && response.ok && !type.includes('json')) {
      // A re-check (or a new sign-in) comes first: go there; it brings the person back.
      window.location.assign(response.url);
      throw new Shown();
    }
    if (!response.ok || !type.includes('json')) {
      // A problem in the page's language, else (too many attempts, the server away) the general words.
      const problem = type.includes('json') ? await response.json().catch(() => ({})) : {};
      throw new ServerSaid(problem.detail || form.dataset.failed);
    }
    return response.json();
  }

  const descriptors = (list) => (list || []).map((c) => ({ ...c, id: base64url.decode(c.id) }));

  async function create(form) {
    const o = await options(form, false);
    const credential = await navigator.credentials.create({
      publicKey: { ...o, challenge: base64url.decode(o.challenge), user: { ...o.user, id: base64url.decode(o.user.id) },
        excludeCredentials: descriptors(o.excludeCredentials) },
      signal: signal(),
    });
    const r = credential.response;
    return {
      id: credential.id,
      rawId: base64url.encode(credential.rawId),
      type: credential.type,
      response: {
        attestationObject: base64url.encode(r.attestationObject),
        clientDataJSON: base64url.encode(r.clientDataJSON),
        transports: r.getTransports ? r.getTransports() : [],
      },
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment,
    };
  }

  async function get(form, conditional) {
    const o = await options(form, conditional);
    if (conditional && form.dataset.busy) {
      throw new Shown(); // a click began its own ceremony while these options came: it goes first
    }
    const request = {
      publicKey: { ...o, challenge: base64url.decode(o.challenge), allowCredentials: descriptors(o.allowCredentials) },
      signal: signal(),
    };
    if (conditional) {
      request.mediation = 'conditional';
    }
    const credential = await navigator.credentials.get(request);
    const r = credential.response;
    return {
      id: credential.id,
      rawId: base64url.encode(credential.rawId),
      type: credential.type,
      response: {
        authenticatorData: base64url.encode(r.authenticatorData),
        clientDataJSON: base64url.encode(r.clientDataJSON),
        signature: base64url.encode(r.signature),
        userHandle: r.userHandle ? base64url.encode(r.userHandle) : undefined,
      },
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment,
    };
  }

  function show(form, message) {
    const target = document.getElementById(form.dataset.errorTarget || 'passkey-browser-error');
    if (target) {
      target.textContent = message;
      target.hidden = false;
      target.focus?.();
    }
  }

  function explain(form, error) {
    if (error instanceof Shown || (error && error.name === 'AbortError')) {
      return;
    }
    if (error && error.name === 'NotAllowedError') {
      show(form, form.dataset.cancelled); // cancelled, timed out, or no key of this account here
    } else if (error && error.name === 'InvalidStateError') {
      show(form, form.dataset.already || form.dataset.failed); // this authenticator has a key of the account
    } else {
      show(form, (error instanceof ServerSaid) ? error.message : form.dataset.failed);
    }
  }

  async function run(form, conditional) {
    const answer = form.dataset.passkey === 'create' ? await create(form) : await get(form, conditional);
    form.querySelector('input[name="credential"]').value = JSON.stringify(answer);
    form.submit();
  }

  // Capture: before app.js's own submit handling (its "sent once" mark would stay on a form whose
  // prompt was cancelled); this form has its own: one ceremony at a time per click.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!form.dataset || !form.dataset.passkey) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    if (form.dataset.busy) {
      return;
    }
    if (!supported()) {
      show(form, form.dataset.unsupported);
      return;
    }
    form.dataset.busy = 'true';
    run(form, false).catch((error) => {
      delete form.dataset.busy;
      explain(form, error);
      startAutofill(); // the click's ceremony ended the autofill's: offer the passkeys again
    });
  }, true);

  // Back to a page from the browser's cache after a ceremony sent its form: the form may be used
  // again, and the email field offers the passkeys again.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) {
      document.querySelectorAll('form[data-busy]').forEach((form) => delete form.dataset.busy);
      restartAutofill();
    }
  });

  // Passkey autofill: the email field offers the browser's passkeys for this site, where supported.
  // The server's challenge lives five minutes and browsers may wait for ever on an autofill request:
  // a new one every four and a half minutes, or when the browser gives up (for an hour at most), so
  // a page left open still offers the passkeys.
  let startAutofill = () => {};
  let restartAutofill = () => {};
  document.addEventListener('DOMContentLoaded', async () => {
    const form = document.querySelector('form[data-passkey="get"][data-conditional]');
    if (!form || !supported() || !PublicKeyCredential.isConditionalMediationAvailable
        || !(await PublicKeyCredential.isConditionalMediationAvailable())) {
      return;
    }
    let left = 12;
    let renewal;
    startAutofill = () => {
      clearTimeout(renewal);
      if (left <= 0 || form.dataset.busy) {
        return;
      }
      left -= 1;
      renewal = setTimeout(startAutofill, 270000); // starting a new request aborts the old one
      run(form, true).then(() => clearTimeout(renewal), (error) => {
        // Nothing chosen: ask again. Aborted (a click began its own ceremony, or the renewal): nothing.
        if (error && error.name === 'NotAllowedError') {
          startAutofill();
        }
      });
    };
    restartAutofill = () => {
      left = 12;
      startAutofill();
    };
    startAutofill();
  });
})();
