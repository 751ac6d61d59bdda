(function () {
  "use strict";
  var input = document.getElementById("sh-search");
  var status = document.getElementById("sh-search-status");
  var hint = document.getElementById("sh-search-hint");
  var items = Array.prototype.slice.call(document.querySelectorAll("#sh-search-results > li"));
  var everything = status.textContent;
  if (hint) {
    hint.hidden = true;
  }
  items.forEach(function (li) {
    var snippet = li.querySelector(".snippet");
    li.shText = li.getAttribute("data-text");
    li.shLower = li.shText.toLowerCase();
    li.shFirst = snippet ? snippet.textContent : "";
  });

  function excerpt(li, word) {
    var at = li.shLower.indexOf(word);
    if (!word || at < 0) {
      return li.shFirst;
    }
    var from = Math.max(0, at - 60);
    var to = Math.min(li.shText.length, at + word.length + 100);
    return (from > 0 ? "\u2026" : "") + li.shText.substring(from, to) + (to < li.shText.length ? "\u2026" : "");
  }

  function run() {
    var words = input.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    var shown = 0;
    items.forEach(function (li) {
      var hit = words.every(function (w) { return li.shLower.indexOf(w) >= 0; });
      li.hidden = !hit;
      if (hit) {
        shown++;
        var snippet = li.querySelector(".snippet");
        if (snippet) {
          snippet.textContent = excerpt(li, words[0]);
        }
      }
    });
    status.textContent = words.length === 0 ? everything
      : shown + (shown === 1 ? " section matches " : " sections match ") + "\u201c" + input.value.trim() + "\u201d.";
  }

  input.addEventListener("input", run);
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
  }
  run();
})();
