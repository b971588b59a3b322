// "Find the skills in the description" on the request form without leaving the page: the
// skills its title, description, objectives and deliverables name (POST /api/v1/skills/extract)
// fill the skill rows, empty rows first, then rows cloned from the last; negated ones are left
// out, and a skill a row already names is not added again (by its words here, by concept on
// the server). Without this script, or when the call fails, the button submits and the server
// adds the same rows (missions/skills_from_text.rs). A file of its own rather than part of
// skills.js, which the profile's skills form also loads: each page gets the scripts it uses.
(function () {
  "use strict";
  var button = document.querySelector('button[name="then"][value="find_skills"]');
  var rowsBox = document.getElementById("f-skills");
  var live = document.getElementById("skills-found");
  if (!button || !button.form || !rowsBox || !live || !window.fetch || !button.form.requestSubmit) {
    return;
  }
  var form = button.form;
  var MAX_ROWS = 40; // the server reads no row past this (request_form.rs)
  var lang = document.documentElement.lang === "fr" ? "fr" : "en";
  var pending = false;

  function value(name) {
    var field = form.elements[name];
    return field && field.value ? field.value : "";
  }

  function rows() {
    return rowsBox.querySelectorAll(".row-fields");
  }

  function part(row, name) {
    return row.querySelector('[name$="].' + name + '"]');
  }

  function isEmpty(row) {
    return part(row, "skill").value.trim() === "";
  }

  // A new empty row after the last, its fields numbered after it.
  function addRow() {
    var all = rows();
    var last = all[all.length - 1];
    var n = all.length;
    var row = last.cloneNode(true);
    ["id", "name", "for"].forEach(function (attribute) {
      row.querySelectorAll("[" + attribute + "]").forEach(function (element) {
        var renamed = element.getAttribute(attribute).replace(/skills\[\d+\]/, "skills[" + n + "]");
        element.setAttribute(attribute, renamed);
      });
    });
    // The last row's problems are its own.
    row.querySelectorAll(".field-error").forEach(function (element) {
      element.remove();
    });
    row.querySelectorAll(".has-error, [aria-invalid]").forEach(function (element) {
      element.classList.remove("has-error");
      element.removeAttribute("aria-invalid");
      element.removeAttribute("aria-describedby");
    });
    row.querySelector("label").textContent = rowsBox.getAttribute("data-row-label").replace("{n}", n + 1);
    part(row, "skill").value = "";
    last.parentNode.insertBefore(row, last.nextSibling);
    return row;
  }

  function fill(skills) {
    var held = [];
    rows().forEach(function (row) {
      held.push(part(row, "skill").value.trim().toLowerCase());
    });
    var added = 0;
    var already = 0;
    skills.forEach(function (skill) {
      var named = [skill.label, skill.other, skill.words].some(function (name) {
        return name && held.indexOf(name.toLowerCase()) >= 0;
      });
      if (!skill.requirement) {
        return;
      }
      if (named) {
        already += 1;
        return;
      }
      var row = Array.prototype.find.call(rows(), isEmpty);
      if (!row && rows().length >= MAX_ROWS) {
        return;
      }
      row = row || addRow();
      part(row, "skill").value = skill.label;
      part(row, "requirement").value = skill.requirement;
      part(row, "level").value = "3";
      held.push(skill.label.toLowerCase());
      added += 1;
    });
    // A spare empty row, as the server leaves, for a skill the text does not name.
    if (!Array.prototype.some.call(rows(), isEmpty) && rows().length < MAX_ROWS) {
      addRow();
    }
    var notice = document.createElement("p");
    notice.className = "notice";
    notice.textContent = added === 0 ? live.getAttribute(already > 0 ? "data-held" : "data-none")
      : added === 1 ? live.getAttribute("data-one") : live.getAttribute("data-other").replace("{count}", added);
    live.replaceChildren(notice);
  }

  button.addEventListener("click", function (event) {
    var text = ["title", "description", "objectives", "deliverables"].map(value).join("\n");
    if (text.trim() === "") {
      return;
    }
    event.preventDefault();
    if (pending) {
      return;
    }
    pending = true;
    fetch("/api/v1/skills/extract", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": value("csrf") },
      body: JSON.stringify({ text: text, lang: lang }),
    })
      .then(function (reply) {
        if (!reply.ok) {
          throw new Error("extract answered " + reply.status);
        }
        return reply.json();
      })
      .then(function (body) {
        fill(body.skills || []);
        pending = false;
      })
      .catch(function () {
        // The server's step, as without this script (the button's name and value sent).
        form.requestSubmit(button);
      });
  });
})();
