// The organisation and person pickers of the interaction and task forms (Features/Interactions/Admin/_RelationshipPicker).
// Without this script a picker is a search field with a button that brings the form back with matches to tick. With
// it, the field becomes a combobox: typing asks the staff-only JSON endpoint named by data-source, the matches show as
// a listbox (arrow keys move, Enter chooses, Escape closes), the count is said in a live region, and a chosen item
// becomes a removable chip holding a hidden input of the field's name, so the form posts as it does without a script.
(function () {
  "use strict";
  if (!window.fetch) {
    return;
  }

  var counter = 0;

  function format(template, value) {
    return template.replace("{0}", value);
  }

  function setUp(picker) {
    var input = picker.querySelector("[data-picker-input]");
    var chosen = picker.querySelector("[data-picker-chosen]");
    if (!input || !chosen) {
      return;
    }

    var field = picker.getAttribute("data-field");
    var multiple = picker.getAttribute("data-multiple") === "true";
    var source = picker.getAttribute("data-source");
    var countText = picker.getAttribute("data-count") || "{0}";
    var removeText = picker.getAttribute("data-remove") || "{0}";
    var id = picker.id || "picker-" + (++counter);

    // The no-script search button goes, so Enter in another field saves the form again.
    var button = picker.querySelector("[data-picker-search]");
    if (button) {
      button.parentNode.removeChild(button);
    }

    var listbox = document.createElement("ul");
    listbox.id = id + "-listbox";
    listbox.setAttribute("role", "listbox");
    listbox.hidden = true;
    input.parentNode.appendChild(listbox);

    var status = document.createElement("p");
    status.className = "sr-only";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    input.parentNode.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var options = [];
    var active = -1;
    var timer = 0;
    var asked = 0;

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function activate(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function radios() {
      return Array.prototype.slice.call(picker.querySelectorAll("input[type=radio]"));
    }

    function chips() {
      return Array.prototype.slice.call(chosen.querySelectorAll(".picker-chip"));
    }

    function has(value) {
      return Array.prototype.some.call(picker.querySelectorAll("input[name='" + field + "']"), function (element) {
        return element.value === value && (element.type === "hidden" || element.checked);
      });
    }

    function choose(item) {
      if (!multiple) {
        chips().forEach(function (chip) { chip.parentNode.removeChild(chip); });
        radios().forEach(function (radio) { radio.checked = false; });
      } else if (has(item.id)) {
        close();
        input.value = "";
        return;
      }

      var chip = document.createElement("li");
      chip.className = "picker-chip";
      var name = document.createElement("span");
      name.textContent = item.name;
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = field;
      hidden.value = item.id;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "×";
      remove.setAttribute("aria-label", format(removeText, item.name));
      remove.addEventListener("click", function () {
        chip.parentNode.removeChild(chip);
        if (!multiple && !radios().some(function (radio) { return radio.checked; })) {
          var none = picker.querySelector("input[type=radio][value='']");
          if (none) {
            none.checked = true;
          }
        }
        input.focus();
      });
      chip.appendChild(name);
      chip.appendChild(hidden);
      chip.appendChild(remove);
      chosen.appendChild(chip);
      close();
      input.value = "";
      status.textContent = item.name;
    }

    function show(items) {
      listbox.textContent = "";
      options = items.map(function (item, i) {
        var option = document.createElement("li");
        option.id = id + "-option-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.name;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
        });
        option.addEventListener("click", function () {
          choose(item);
        });
        option.item = item;
        listbox.appendChild(option);
        return option;
      });
      status.textContent = format(countText, String(items.length));
      listbox.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length > 0 ? "true" : "false");
      activate(-1);
    }

    function ask() {
      var term = input.value.trim();
      var ticket = ++asked;
      if (term.length === 0) {
        close();
        status.textContent = "";
        return;
      }

      fetch(source + "?q=" + encodeURIComponent(term) + "&take=20", { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (items) {
          if (ticket === asked) {
            show(items || []);
          }
        })
        .catch(function () {
          close();
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 200);
    });

    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden && options.length > 0;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!open) {
            ask();
          } else {
            activate(active + 1 < options.length ? active + 1 : 0);
          }
          break;
        case "ArrowUp":
          if (open) {
            event.preventDefault();
            activate(active > 0 ? active - 1 : options.length - 1);
          }
          break;
        case "Enter":
          // Enter in the picker chooses; it never submits the form.
          event.preventDefault();
          if (open && active >= 0) {
            choose(options[active].item);
          } else if (open && options.length === 1) {
            choose(options[0].item);
          }
          break;
        case "Escape":
          if (open) {
            event.preventDefault();
            close();
          }
          break;
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });

    // Ticking a radio button of a single picker replaces a chip chosen by script.
    radios().forEach(function (radio) {
      radio.addEventListener("change", function () {
        chips().forEach(function (chip) { chip.parentNode.removeChild(chip); });
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-picker]"), setUp);
})();
