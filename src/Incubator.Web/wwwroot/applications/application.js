// The applicant's application page. Saves the draft a moment after the applicant stops typing and says when, stores
// a chosen file at once (with its progress) and lists it, groups money with dots as it is typed, takes the applicant
// to the error summary when the form was refused, and sends each of the page's forms once however often its button
// is clicked. Without this script the page works the same through its buttons (a chosen file travels with "Upload"
// or "Save draft"); with it, nothing the applicant typed or chose is lost when a save fails.
(() => {
  'use strict';

  const form = document.getElementById('application-form');
  const autosave = form && form.dataset.autosave ? createAutosave(form) : null;
  const uploads = form && form.dataset.upload ? createUploads(form) : null;

  // A refused form: the summary of its problems is read first, and each of its links puts the cursor in the field.
  const summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
    summary.addEventListener('click', (event) => {
      const link = event.target.closest('a[href*="#"]');
      const target = link && link.hash && link.pathname === window.location.pathname
        ? document.getElementById(decodeURIComponent(link.hash.slice(1)))
        : null;
      if (target) {
        event.preventDefault();
        const field = target.closest('.field') || target;
        field.scrollIntoView({ block: 'start' });
        target.focus({ preventScroll: true });
      }
    });
  }

  // Arriving from "check your answers" by a field's "change" link: the cursor goes into that field.
  if (!summary && window.location.hash) {
    const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
      target.focus();
    }
  }

  // Money is typed as 1500000000 and shown as 1.500.000.000, the cursor kept after the same digit. Anything but
  // digits and dots is left as typed, for the server to explain.
  const groupMoney = (input) => {
    const typed = input.value;
    if (!/^[\d.]*$/.test(typed)) {
      return;
    }
    const caret = input.selectionStart === null ? typed.length : input.selectionStart;
    const digitsBefore = typed.slice(0, caret).replace(/\D/g, '').length;
    const digits = typed.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
    const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    if (grouped === typed) {
      return;
    }
    input.value = grouped;
    let position = 0;
    for (let seen = 0; position < grouped.length && seen < digitsBefore; position++) {
      if (grouped[position] !== '.') {
        seen++;
      }
    }
    if (document.activeElement === input) {
      input.setSelectionRange(position, position);
    }
  };
  for (const input of document.querySelectorAll('input[data-money]')) {
    // On the input itself, so the value is grouped before the form's listeners (the autosave) see the change.
    input.addEventListener('input', () => groupMoney(input));
    groupMoney(input);
  }

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

  // Each file is stored as soon as it is chosen, through the attachment API with the page's antiforgery token, and
  // listed under its field like the files stored before; the upload buttons are for browsers without this script.
  function createUploads(form) {
    const token = form.querySelector('input[name=__RequestVerificationToken]');
    const pending = new Set();
    for (const button of form.querySelectorAll('button.upload')) {
      button.hidden = true;
    }

    const status = (field) => {
      let element = field.querySelector('.upload-status');
      if (!element) {
        element = document.createElement('div');
        element.className = 'upload-status';
        element.setAttribute('role', 'status');
        element.setAttribute('aria-live', 'polite');
        const progress = document.createElement('progress');
        progress.max = 100;
        progress.value = 0;
        const text = document.createElement('span');
        element.append(progress, ' ', text);
        const list = field.querySelector('ul.attachments');
        field.insertBefore(element, list);
      }
      return element;
    };

    const show = (field, text, percent, failed) => {
      const element = status(field);
      const progress = element.querySelector('progress');
      progress.hidden = percent === null;
      if (percent !== null) {
        progress.value = percent;
      }
      element.querySelector('span').textContent = text;
      element.classList.toggle('error', Boolean(failed));
    };

    const list = (field, attachment) => {
      const ul = field.querySelector('ul.attachments');
      const li = document.createElement('li');
      li.dataset.id = String(attachment.id);
      const link = document.createElement('a');
      link.href = attachment.url;
      link.setAttribute('download', '');
      link.textContent = attachment.fileName;
      const size = document.createElement('span');
      size.className = 'meta';
      size.textContent = '(' + (ul.dataset.countKb || '{0} KB').replace('{0}', String(Math.max(1, Math.ceil(attachment.size / 1024)))) + ')';
      const remove = document.createElement('button');
      remove.type = 'submit';
      remove.className = 'link remove';
      remove.name = 'attachmentId';
      remove.value = String(attachment.id);
      remove.setAttribute('form', 'remove-attachment');
      remove.textContent = ul.dataset.remove || 'Remove';
      li.append(link, ' ', size, ' ', remove);
      ul.append(li);
    };

    // The first message the API gives for the refusal (a ValidationProblem's field error, or a problem's title).
    const refusal = (request) => {
      try {
        const problem = JSON.parse(request.responseText);
        const errors = problem && problem.errors ? Object.values(problem.errors).flat() : [];
        return errors[0] || problem.detail || problem.title || null;
      } catch {
        return null;
      }
    };

    const upload = (input) => {
      const file = input.files && input.files[0];
      const field = input.closest('.field');
      if (!file || !field) {
        return;
      }
      const data = new FormData();
      data.append('fieldKey', input.dataset.uploadField);
      data.append('file', file, file.name);
      const done = new Promise((resolve) => {
        const request = new XMLHttpRequest();
        request.open('POST', form.dataset.upload);
        request.setRequestHeader('Accept', 'application/json');
        if (token) {
          request.setRequestHeader('RequestVerificationToken', token.value);
        }
        request.upload.addEventListener('progress', (event) => {
          if (event.lengthComputable) {
            const percent = Math.round((event.loaded / event.total) * 100);
            show(field, form.dataset.uploading + ' ' + percent + '%', percent, false);
          }
        });
        request.addEventListener('load', () => {
          if (request.status === 201) {
            list(field, JSON.parse(request.responseText));
            // Stored: the file no longer travels with the form, so a later save does not attach it twice.
            input.value = '';
            for (const old of field.querySelectorAll('.field-error')) {
              old.remove();
            }
            show(field, form.dataset.uploaded + ' ' + file.name, null, false);
          } else {
            show(field, refusal(request) || form.dataset.uploadFailed, null, true);
          }
          resolve();
        });
        request.addEventListener('error', () => {
          show(field, form.dataset.uploadFailed, null, true);
          resolve();
        });
        show(field, form.dataset.uploading, 0, false);
        request.send(data);
      });
      pending.add(done);
      done.finally(() => pending.delete(done));
    };

    form.addEventListener('change', (event) => {
      if (event.target.type === 'file' && event.target.dataset.uploadField) {
        upload(event.target);
      }
    });

    return {
      busy: () => pending.size > 0,
      // Waits for the uploads under way, so that a form sent meanwhile does not carry their files again.
      settle: async () => {
        while (pending.size > 0) {
          await Promise.all(Array.from(pending));
        }
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

    if (state !== 'ready' && ((autosave && (autosave.busy() || (target !== form && autosave.dirty()))) || (uploads && uploads.busy()))) {
      event.preventDefault();
      target.dataset.state = 'waiting';
      const submitter = event.submitter;
      const uploaded = uploads ? uploads.settle() : Promise.resolve();
      const saved = autosave ? uploaded.then(() => autosave.flush(target !== form)) : uploaded;
      saved.then(() => {
        if (target !== form && autosave && autosave.dirty()) {
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
