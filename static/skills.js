// Skill suggestions from every name the taxonomy knows (synonyms, abbreviations, the other
// language), added to the page's list of skills while someone types. Without this script the
// list offers the preferred labels and the server links what was typed when the form is sent;
// with it, "ICU nurse" or "sage-femme" also offer the skill they name.
(function () {
  "use strict";
  var list = document.getElementById("skill-labels");
  if (!list || !window.fetch) {
    return;
  }
  var lang = document.documentElement.lang === "fr" ? "fr" : "en";
  var timer = null;
  var asked = "";

  function clear() {
    var old = list.querySelectorAll("option[data-suggested]");
    for (var i = 0; i < old.length; i++) {
      old[i].remove();
    }
  }

  function show(skills) {
    clear();
    var first = list.firstChild;
    skills.forEach(function (skill) {
      var option = document.createElement("option");
      option.value = skill.label;
      // The words that matched stay visible, so the list shows why it offers this skill.
      var named = skill.matched || skill.other;
      option.label = named ? skill.label + " (" + named + ")" : skill.label;
      option.setAttribute("data-suggested", "");
      list.insertBefore(option, first);
    });
  }

  function suggest(typed) {
    if (typed.length < 2 || typed === asked) {
      return;
    }
    asked = typed;
    var url = "/api/v1/skills?limit=8&lang=" + lang + "&q=" + encodeURIComponent(typed);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (reply) {
        return reply.ok ? reply.json() : { skills: [] };
      })
      .then(function (body) {
        if (typed === asked) {
          show(body.skills || []);
        }
      })
      .catch(function () {
        // Offline or refused: the plain list still works.
      });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input || input.getAttribute("list") !== "skill-labels") {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      suggest(input.value.trim());
    }, 150);
  });
})();
