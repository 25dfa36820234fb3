// The pipeline board's drag and drop (Features/Pipeline/Admin/Index). Every card keeps its own move form, which works
// without this script and by keyboard; dragging a card onto another column posts that same form (with its antiforgery
// token) for the column's stage, moves the card when the site agrees, and says what happened in the live region.
(function () {
  "use strict";
  var board = document.getElementById("pipeline-board");
  var status = document.getElementById("pipeline-status");
  if (!board || !window.fetch || !window.FormData) {
    return;
  }

  function announce(text, ok) {
    status.textContent = "";
    var p = document.createElement("p");
    p.className = ok ? "success" : "notice";
    p.textContent = text;
    status.appendChild(p);
  }

  function setCount(column, delta) {
    var count = column.querySelector("h2 .count");
    var value = parseInt(count.getAttribute("data-count"), 10) + delta;
    count.setAttribute("data-count", String(value));
    count.textContent = String(value);
  }

  var dragged = null;
  Array.prototype.forEach.call(board.querySelectorAll(".pipeline-card"), function (card) {
    card.setAttribute("draggable", "true");
    card.addEventListener("dragstart", function (event) {
      dragged = card;
      card.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.getAttribute("data-organisation"));
    });
    card.addEventListener("dragend", function () {
      card.classList.remove("dragging");
      dragged = null;
    });
  });

  Array.prototype.forEach.call(board.querySelectorAll(".pipeline-column"), function (column) {
    var stage = column.getAttribute("data-stage");
    if (!stage) {
      return; // Nothing moves back out of the pipeline: "stopped" is the stage for that.
    }

    column.addEventListener("dragover", function (event) {
      if (dragged && dragged.closest(".pipeline-column") !== column) {
        event.preventDefault();
        column.classList.add("drop-target");
      }
    });
    column.addEventListener("dragleave", function () {
      column.classList.remove("drop-target");
    });
    column.addEventListener("drop", function (event) {
      event.preventDefault();
      column.classList.remove("drop-target");
      var card = dragged;
      if (!card) {
        return;
      }

      var from = card.closest(".pipeline-column");
      if (from === column) {
        return;
      }

      var form = card.querySelector("form.pipeline-move");
      var data = new FormData(form);
      data.set("stage", stage);
      fetch(form.action, { method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
          return response.json().then(function (body) { return { ok: response.ok, body: body }; });
        })
        .then(function (result) {
          announce(result.body.message, result.ok);
          if (!result.ok) {
            return;
          }

          form.querySelector("input[name=version]").value = String(result.body.version);
          Array.prototype.forEach.call(form.querySelectorAll("select[name=stage] option"), function (option) {
            option.disabled = option.value === result.body.stage;
          });
          var days = card.querySelector(".days");
          if (days) {
            days.remove();
          }

          column.querySelector(".pipeline-cards").insertBefore(card, column.querySelector(".pipeline-card"));
          var empty = column.querySelector(".empty");
          if (empty) {
            empty.remove();
          }

          setCount(from, -1);
          setCount(column, 1);
        })
        .catch(function () {
          announce(board.getAttribute("data-failed") || "", false);
        });
    });
  });
})();
