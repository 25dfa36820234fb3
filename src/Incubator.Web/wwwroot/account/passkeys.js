// Passkeys through the browser's WebAuthn API. The forms stay hidden where the browser cannot make or use a passkey,
// so without JavaScript (or WebAuthn) the pages offer the password and the authenticator code only.
(() => {
    'use strict';
    const supported = typeof window.PublicKeyCredential === 'function'
        && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
        && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';
    if (!supported) {
        return;
    }

    async function options(form) {
        const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
        const response = await fetch(form.dataset.options, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'RequestVerificationToken': token },
        });
        if (!response.ok) {
            throw new Error('options ' + response.status);
        }
        return response.json();
    }

    function wire(form, ceremony) {
        form.hidden = false;
        const error = form.querySelector('.passkey-error');
        form.addEventListener('submit', async (event) => {
            if (form.dataset.ready === '1') {
                return;
            }
            event.preventDefault();
            error.hidden = true;
            try {
                const credential = await ceremony(await options(form));
                form.querySelector('input[name="credential"]').value = JSON.stringify(credential);
                form.dataset.ready = '1';
                form.requestSubmit();
            } catch (failure) {
                error.hidden = false;
                console.warn('passkey', failure);
            }
        });
    }

    document.querySelectorAll('form[data-passkey="create"]').forEach((form) => wire(form, (json) =>
        navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) })));
    document.querySelectorAll('form[data-passkey="get"]').forEach((form) => wire(form, (json) =>
        navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) })));
})();
