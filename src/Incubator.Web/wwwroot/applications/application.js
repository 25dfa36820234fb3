// The applicant's application page. Saves the draft a moment after the applicant stops typing and says when, and
// sends each of the page's forms once however often its button is clicked. Without this script the page works the
// same through its buttons; with it, nothing the applicant typed is lost when a save fails.
(() => {
  'use strict';

  const form = document.getElementById('application-form');
  const autosave = form && form.dataset.autosave ? createAutosave(form) : null;

  function createAutosave(form) {
    const status = document.getElementById('autosave-status');
    let timer = null;
    let dirty = false;
    let stopped = false;
    let running = null;

    const show = (text, failed) => {
      if (status) {
        status.textContent = text || '';
        status.classList.toggle('error', Boolean(failed));
      }
    };

    // Errors of the previous attempt go; the new ones appear under their fields, as the server draws them.
    const showFieldErrors = (errors) => {
      for (const old of form.querySelectorAll('.field-error[data-autosave]')) {
        old.remove();
      }
      for (const [key, message] of Object.entries(errors || {})) {
        const field = form.querySelector('[data-field="' + CSS.escape(key) + '"]');
        if (field) {
          const p = document.createElement('p');
          p.className = 'field-error';
          p.dataset.autosave = '';
          p.setAttribute('role', 'alert');
          p.textContent = message;
          field.append(p);
        }
      }
    };

    // The form as it stands, without the chosen files: those are sent by the upload buttons.
    const body = () => {
      const data = new FormData(form);
      for (const input of form.querySelectorAll('input[type=file]')) {
        data.delete(input.name);
      }
      return data;
    };

    const send = async () => {
      dirty = false;
      show(form.dataset.saving);
      try {
        const response = await fetch(form.dataset.autosave, {
          method: 'POST',
          body: body(),
          credentials: 'same-origin',
          headers: { Accept: 'application/json' },
        });
        const result = await response.json().catch(() => null);
        if (response.ok && result && result.saved) {
          showFieldErrors({});
          show(result.message);
          return;
        }
        dirty = true;
        showFieldErrors(result && result.errors);
        show((result && result.message) || form.dataset.failed, true);
      } catch {
        dirty = true;
        show(form.dataset.failed, true);
      }
    };

    // One request at a time, so the last input is saved last.
    const save = async () => {
      clearTimeout(timer);
      timer = null;
      while (running) {
        await running;
      }
      if (!dirty || stopped) {
        return;
      }
      running = send();
      try {
        await running;
      } finally {
        running = null;
      }
    };

    const schedule = (event, delay) => {
      if (stopped || event.target.type === 'file') {
        return;
      }
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(save, delay);
    };

    form.addEventListener('input', (event) => schedule(event, 1500));
    form.addEventListener('change', (event) => schedule(event, 300));

    // Leaving by a link before the pause is over: the browser still delivers what was typed.
    window.addEventListener('pagehide', () => {
      if (dirty && !stopped) {
        clearTimeout(timer);
        navigator.sendBeacon(form.dataset.autosave, body());
      }
    });

    return {
      busy: () => running !== null,
      dirty: () => dirty,
      // Waits for a save under way and, when asked, saves what is left.
      flush: async (saveRest) => {
        clearTimeout(timer);
        while (running) {
          await running;
        }
        if (saveRest) {
          await save();
        }
      },
      // The form itself is being sent: it carries every answer, so nothing more is saved in the background.
      stop: () => {
        stopped = true;
        clearTimeout(timer);
      },
    };
  }

  // A form is sent once: further clicks do nothing, and its buttons are disabled after the browser has read the
  // clicked one (its name and value still travel). Another form of the page (removing a file) reloads it, so the
  // typing not yet saved is saved first.
  document.addEventListener('submit', (event) => {
    const target = event.target;
    const state = target.dataset.state;
    if (state === 'sent' || state === 'waiting') {
      event.preventDefault();
      return;
    }

    if (state !== 'ready' && autosave && (autosave.busy() || (target !== form && autosave.dirty()))) {
      event.preventDefault();
      target.dataset.state = 'waiting';
      const submitter = event.submitter;
      autosave.flush(target !== form).then(() => {
        if (target !== form && autosave.dirty()) {
          // The save failed and says so; leaving now would lose the typing.
          delete target.dataset.state;
          return;
        }
        target.dataset.state = 'ready';
        target.requestSubmit(submitter || undefined);
      });
      return;
    }

    if (target === form && autosave) {
      autosave.stop();
    }
    target.dataset.state = 'sent';
    const buttons = Array.from(target.elements).filter((element) => element.type === 'submit');
    setTimeout(() => {
      for (const button of buttons) {
        button.disabled = true;
      }
    }, 0);
  });

  // Back from the next page, the browser may restore this one as it was left: make its buttons work again.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) {
      window.location.reload();
    }
  });
})();
