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

  async function options(form) {
    const token = form.querySelector('input[name="_csrf"]');
    const response = await fetch(form.dataset.options, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(token ? { 'X-CSRF-TOKEN': token.value } : {}) },
    });
    const type = response.headers.get('Content-Type') || '';
    if (response.redirected || !type.includes('json')) {
      // A re-check (or a new sign-in) comes first: go there; it brings the person back.
      window.location.assign(response.url);
      throw new Shown();
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new ServerSaid(problem.detail || form.dataset.failed);
    }
    return response.json();
  }

  const descriptors = (list) => (list || []).map((c) => ({ ...c, id: base64url.decode(c.id) }));

  async function create(form) {
    const o = await options(form);
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
    const o = await options(form);
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

  // Capture: before app.js's own submit handling, which this form does not need.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!form.dataset || !form.dataset.passkey) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    if (!supported()) {
      show(form, form.dataset.unsupported);
      return;
    }
    run(form, false).catch((error) => explain(form, error));
  }, true);

  // Passkey autofill: the email field offers the browser's passkeys for this site, where supported.
  document.addEventListener('DOMContentLoaded', async () => {
    const form = document.querySelector('form[data-passkey="get"][data-conditional]');
    if (!form || !supported() || !PublicKeyCredential.isConditionalMediationAvailable
        || !(await PublicKeyCredential.isConditionalMediationAvailable())) {
      return;
    }
    run(form, true).catch(() => {
      // Nothing chosen, or a click began a ceremony of its own: the page stays as it is.
    });
  });
})();
