// The header's search box. Without this script it is a plain form that opens /search. With it, the titles that match
// what is being typed appear under the box, as a WAI-ARIA combobox with a listbox popup: the arrow keys move through
// them, Enter opens the chosen one (or searches, when none is chosen), Escape closes the list, a click opens one.
// Every piece of server text goes in through textContent, never as markup.
(() => {
  'use strict';

  const DELAY_MS = 200;
  const MIN_LENGTH = 2;

  for (const form of document.querySelectorAll('form.site-search[data-suggest]')) {
    enhance(form);
  }

  function enhance(form) {
    const input = form.querySelector('input[name=q]');
    if (!input || !input.id) {
      return;
    }

    let typeNames = {};
    try {
      typeNames = JSON.parse(form.dataset.types || '{}');
    } catch {
      typeNames = {};
    }

    const listId = input.id + '-suggestions';
    const list = document.createElement('ul');
    list.id = listId;
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    const label = form.querySelector('label[for="' + CSS.escape(input.id) + '"]');
    if (label) {
      label.id = label.id || input.id + '-label';
      list.setAttribute('aria-labelledby', label.id);
    }
    list.hidden = true;

    // The box and its list share a positioned wrapper so the list opens right under the box at any width.
    const combo = document.createElement('div');
    combo.className = 'combo';
    input.before(combo);
    combo.append(input, list);

    const status = document.createElement('p');
    status.className = 'sr-only';
    status.setAttribute('role', 'status');
    form.append(status);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    input.setAttribute('autocomplete', 'off');

    let options = [];
    let active = -1;
    let timer = 0;
    let controller = null;

    const isOpen = () => !list.hidden;

    const close = () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      highlight(-1);
    };

    const open = () => {
      if (options.length > 0) {
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      }
    };

    function highlight(index) {
      active = index;
      options.forEach((option, i) => option.setAttribute('aria-selected', i === index ? 'true' : 'false'));
      if (index >= 0) {
        input.setAttribute('aria-activedescendant', options[index].id);
        options[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    // Only a path on this site: a suggestion can never send the visitor elsewhere or run a javascript: URL.
    const isLocal = (url) => typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\');

    const go = (url) => {
      close();
      window.location.assign(url);
    };

    const render = (suggestions) => {
      list.replaceChildren();
      options = [];
      active = -1;
      input.removeAttribute('aria-activedescendant');
      for (const suggestion of suggestions) {
        if (!suggestion || typeof suggestion.title !== 'string' || !isLocal(suggestion.url)) {
          continue;
        }

        const option = document.createElement('li');
        option.id = listId + '-' + options.length;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.dataset.url = suggestion.url;
        const title = document.createElement('span');
        title.className = 'title';
        title.textContent = suggestion.title;
        option.append(title);
        const typeName = Object.prototype.hasOwnProperty.call(typeNames, suggestion.type) ? typeNames[suggestion.type] : null;
        if (typeof typeName === 'string') {
          const type = document.createElement('span');
          type.className = 'type';
          type.textContent = typeName;
          option.append(type);
        }

        // Pressing the mouse would blur the box and close the list before the click lands.
        option.addEventListener('mousedown', (event) => event.preventDefault());
        option.addEventListener('click', () => go(option.dataset.url));
        list.append(option);
        options.push(option);
      }

      const count = options.length;
      status.textContent = count === 0 ? '' : count === 1 ? form.dataset.countOne || '' : (form.dataset.countMany || '{0}').replace('{0}', String(count));
      if (count > 0) {
        open();
      } else {
        close();
      }
    };

    const suggest = async (q) => {
      controller?.abort();
      controller = new AbortController();
      try {
        const response = await fetch(form.dataset.suggest + '?q=' + encodeURIComponent(q), {
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
          signal: controller.signal,
        });
        const data = response.ok ? await response.json() : [];
        // An answer to an older query than what the box now holds is dropped.
        if (input.value.trim() === q && document.activeElement === input) {
          render(Array.isArray(data) ? data : []);
        }
      } catch (error) {
        // Suggestions are a shortcut only: when they fail, the form still searches.
        if (error.name !== 'AbortError') {
          render([]);
        }
      }
    };

    input.addEventListener('input', () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < MIN_LENGTH) {
        controller?.abort();
        render([]);
        return;
      }

      timer = setTimeout(() => suggest(q), DELAY_MS);
    });

    input.addEventListener('keydown', (event) => {
      if (event.isComposing) {
        return; // Vietnamese input methods compose with these keys.
      }

      switch (event.key) {
        case 'ArrowDown':
          if (options.length === 0) {
            return;
          }

          event.preventDefault();
          if (!isOpen()) {
            open();
          }

          highlight(active + 1 >= options.length ? 0 : active + 1);
          break;
        case 'ArrowUp':
          if (!isOpen()) {
            return;
          }

          event.preventDefault();
          highlight(active <= 0 ? options.length - 1 : active - 1);
          break;
        case 'Enter':
          if (isOpen() && active >= 0) {
            event.preventDefault();
            go(options[active].dataset.url);
          }

          break;
        case 'Escape':
          if (isOpen()) {
            event.preventDefault();
            close();
          }

          break;
        default:
          break;
      }
    });

    input.addEventListener('blur', close);
    // Coming back with the browser's back button must not show a stale open list.
    window.addEventListener('pageshow', close);
  }
})();
