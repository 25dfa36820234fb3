// The programme builder (/admin/programmes/{id}). Without this script the page works through its buttons: each row
// button posts the form and the server draws the page again with its preview. With it, the preview follows every
// keystroke, each field shows only the settings of its type, the JSON can be copied, and a refused save moves focus to
// the list of problems at the top.
(() => {
  'use strict';

  const summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }

  const copy = document.getElementById('copy-definition');
  const definition = document.getElementById('definition');
  if (copy && definition) {
    copy.hidden = false;
    copy.addEventListener('click', async () => {
      const status = document.getElementById('copy-status');
      try {
        await navigator.clipboard.writeText(definition.value);
      } catch {
        definition.select();
        document.execCommand('copy');
      }
      if (status) {
        status.textContent = copy.dataset.copied || '';
      }
    });
  }

  const builder = document.getElementById('form-builder');
  const preview = builder && builder.querySelector('[data-preview]');
  if (!builder || !preview) {
    return;
  }

  const rows = () => Array.from(builder.querySelectorAll('fieldset[data-row="field"]'));
  const value = (row, suffix) => {
    const input = row.querySelector('[name$="' + suffix + '"]');
    if (!input) {
      return '';
    }
    return input.type === 'checkbox' ? input.checked : input.value.trim();
  };

  // Each field shows the settings its type uses; the others stay in the form (and are ignored by the server).
  const showSettings = (row) => {
    const type = value(row, '.type');
    for (const part of row.querySelectorAll('[data-for-types]')) {
      part.hidden = !part.dataset.forTypes.split(' ').includes(type);
    }
  };

  const english = preview.dataset.english === 'true';
  const pick = (vi, en) => (english && en ? en : vi);
  const element = (tag, attributes, text) => {
    const node = document.createElement(tag);
    for (const [name, attribute] of Object.entries(attributes || {})) {
      if (attribute !== null && attribute !== undefined) {
        node.setAttribute(name, attribute);
      }
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  };

  // The same markup as _FormPreview.cshtml draws on the server, with the requested amount where its row stands.
  const draw = () => {
    const form = element('div', { class: 'preview-form', lang: english ? 'en' : 'vi' });
    const fields = rows();
    if (fields.length === 0) {
      form.append(element('p', { class: 'meta' }, preview.dataset.textEmpty));
    }
    const amountRow = builder.querySelector('fieldset[data-row="amount"]');
    const amount = () => {
      const wrapper = element('div', { class: 'field', 'data-preview-field': 'amount' });
      const help = pick(value(amountRow, '.help.vi'), value(amountRow, '.help.en'));
      wrapper.append(element('label', { for: 'preview-amount' }, (pick(value(amountRow, '.label.vi'), value(amountRow, '.label.en')) || '—') + ' *'));
      if (help) {
        wrapper.append(element('p', { class: 'hint' }, help));
      }
      wrapper.append(element('input', { type: 'text', id: 'preview-amount', inputmode: 'numeric', disabled: '' }), element('p', { class: 'hint' }, preview.dataset.textMoney));
      return wrapper;
    };
    fields.forEach((row, i) => {
      if (amountRow && amountRow.compareDocumentPosition(row) & Node.DOCUMENT_POSITION_FOLLOWING && !form.querySelector('[data-preview-field="amount"]')) {
        form.append(amount());
      }
      const type = value(row, '.type');
      const label = (pick(value(row, '.label.vi'), value(row, '.label.en')) || '—') + (value(row, '.required') ? ' *' : '');
      const help = pick(value(row, '.help.vi'), value(row, '.help.en'));
      const id = 'preview-' + i;
      const wrapper = element('div', { class: 'field', 'data-preview-field': String(i) });
      if (type === 'choice' || type === 'multichoice') {
        const set = element('fieldset', { class: 'checks', id });
        set.append(element('legend', null, label));
        if (help) {
          set.append(element('p', { class: 'hint' }, help));
        }
        for (const line of value(row, '.options').split('\n').map((l) => l.trim()).filter((l) => l)) {
          const [vi, en] = line.split('|').map((p) => p.trim());
          const choice = element('label', { class: 'inline-check' });
          choice.append(element('input', { type: type === 'choice' ? 'radio' : 'checkbox', disabled: '' }), ' ' + pick(vi, en || ''));
          set.append(choice);
        }
        wrapper.append(set);
      } else {
        wrapper.append(element('label', { for: id }, label));
        if (help) {
          wrapper.append(element('p', { class: 'hint' }, help));
        }
        if (type === 'longtext') {
          wrapper.append(element('textarea', { id, rows: '3', disabled: '' }));
        } else if (type === 'money') {
          wrapper.append(element('input', { type: 'text', id, inputmode: 'numeric', disabled: '' }), element('p', { class: 'hint' }, preview.dataset.textMoney));
        } else if (type === 'date') {
          wrapper.append(element('input', { type: 'text', id, placeholder: preview.dataset.textDate, disabled: '' }));
        } else if (type === 'file') {
          const limits = [value(row, '.fileTypes') || preview.dataset.textFiles];
          if (value(row, '.maxFileSizeMb')) {
            limits.push(preview.dataset.textSize.replace('{0}', value(row, '.maxFileSizeMb')));
          }
          if (value(row, '.maxFiles')) {
            limits.push(preview.dataset.textCount.replace('{0}', value(row, '.maxFiles')));
          }
          wrapper.append(element('input', { type: 'file', id, disabled: '' }), element('p', { class: 'hint' }, limits.join(' · ')));
        } else {
          wrapper.append(element('input', { type: 'text', id, inputmode: type === 'number' ? 'decimal' : null, disabled: '' }));
        }
      }
      form.append(wrapper);
    });
    if (amountRow && !form.querySelector('[data-preview-field="amount"]')) {
      form.append(amount());
    }
    preview.replaceChildren(form);
  };

  for (const row of rows()) {
    showSettings(row);
  }
  builder.addEventListener('input', draw);
  builder.addEventListener('change', (event) => {
    const row = event.target.closest('fieldset[data-row="field"]');
    if (row && event.target.matches('[data-field-type]')) {
      showSettings(row);
    }
    draw();
  });
})();
