// Forms: the error summary gets the focus, so the person (and her screen reader) reads it first;
// a click on a button or link with data-confirm asks first ("Annuler cet engagement ?").
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("resume-erreurs");
  if (summary) {
    summary.focus();
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  });
});

// A search box filters a list of checkboxes (data-filter-list="<id of the list>"), without accents or case;
// a counter (data-checked-count="<id>") says how many are checked.
document.addEventListener("DOMContentLoaded", function () {
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("[data-filter-list]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("data-filter-list"));
    if (!list) {
      return;
    }
    input.addEventListener("input", function () {
      var wanted = fold(input.value.trim());
      list.querySelectorAll("[data-filter-item]").forEach(function (item) {
        item.hidden = wanted !== "" && fold(item.textContent).indexOf(wanted) === -1;
      });
    });
  });
  document.querySelectorAll("[data-checked-count]").forEach(function (counter) {
    var list = document.getElementById(counter.getAttribute("data-checked-count"));
    if (!list) {
      return;
    }
    function update() {
      counter.textContent = list.querySelectorAll("input[type=checkbox]:checked").length;
    }
    list.addEventListener("change", update);
    update();
  });
});

// "Cocher les personnes affichées" / "Tout décocher" for a filtered list of checkboxes.
document.addEventListener("click", function (event) {
  var check = event.target.closest("[data-check-shown], [data-uncheck-all]");
  if (!check) {
    return;
  }
  var checking = check.hasAttribute("data-check-shown");
  var list = document.getElementById(check.getAttribute(checking ? "data-check-shown" : "data-uncheck-all"));
  if (!list) {
    return;
  }
  list.querySelectorAll("[data-filter-item]").forEach(function (item) {
    var box = item.querySelector("input[type=checkbox]");
    if (box && (!checking || !item.hidden)) {
      box.checked = checking;
    }
  });
  list.dispatchEvent(new Event("change"));
});

// A select whose options depend on another field (data-filtered-by="<id>"): only the options whose
// data-organisation matches the chosen value are offered (the advisors of the chosen organisation).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-filtered-by]").forEach(function (select) {
    var source = document.getElementById(select.getAttribute("data-filtered-by"));
    if (!source) {
      return;
    }
    function update() {
      var chosen = source.value;
      Array.prototype.forEach.call(select.options, function (option) {
        var owner = option.getAttribute("data-organisation");
        var hide = owner !== null && chosen !== "" && owner !== chosen;
        option.hidden = hide;
        option.disabled = hide;
        if (hide && option.selected) {
          select.value = "";
        }
      });
    }
    source.addEventListener("change", update);
    update();
  });
});
