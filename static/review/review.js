/*
 * Keyboard and selection behaviour of the review screens. Plain JavaScript, no build step; the
 * pages work without it (forms post normally), this only makes them faster to drive.
 *
 * j / k    select the next / previous claim card (article page) or row (queue, lists)
 * Enter    open the selected row
 * a        accept the selected claim (submits its form marked data-key="a")
 * r e m    open the reject / edit / merge panel of the selected claim and focus its first field
 * ?        show the help; Esc closes panels and the help
 * Selecting text in the article fills the selected claim's span fields (offsets in characters).
 */
(function () {
  "use strict";

  var list = document.querySelector("[data-review-list]");
  var navList = document.querySelector("[data-nav-list]");
  var help = document.getElementById("help-dialog");
  var articleText = document.querySelector("[data-article-text]");
  var hint = document.querySelector("[data-selection-hint]");

  function cards() {
    if (list) return Array.prototype.slice.call(list.querySelectorAll(".claim-card"));
    if (navList) return Array.prototype.slice.call(navList.querySelectorAll("[data-nav-item]"));
    return [];
  }

  function selected() {
    return document.querySelector(".claim-card.is-selected, [data-nav-item].is-selected");
  }

  function select(card, scroll) {
    if (!card) return;
    cards().forEach(function (other) {
      other.classList.remove("is-selected");
      other.removeAttribute("aria-current");
    });
    card.classList.add("is-selected");
    card.setAttribute("aria-current", "true");
    /* The keyboard focus follows the selection, so screen readers and Tab start from it. */
    if (scroll) {
      if (!card.hasAttribute("tabindex")) card.setAttribute("tabindex", "-1");
      card.focus({ preventScroll: true });
    }
    if (articleText) {
      articleText.querySelectorAll("mark.is-active").forEach(function (mark) {
        mark.classList.remove("is-active");
      });
      var marks = articleText.querySelectorAll(
        'mark[data-attribution="' + card.dataset.attribution + '"]'
      );
      marks.forEach(function (mark) { mark.classList.add("is-active"); });
      if (scroll && marks.length) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
    }
    if (scroll) card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    if (list) {
      var url = new URL(window.location.href);
      url.searchParams.set("selected", card.dataset.attribution);
      window.history.replaceState(null, "", url);
    }
  }

  function move(step) {
    var all = cards();
    if (!all.length) return;
    var index = all.indexOf(selected());
    var next = index < 0 ? (step > 0 ? 0 : all.length - 1) : index + step;
    select(all[Math.max(0, Math.min(all.length - 1, next))], true);
  }

  function scope() {
    if (list) return selected();  /* the article page acts only on the selected claim */
    return document.querySelector(".claim-side");
  }

  function trigger(key) {
    var within = scope();
    var target = within && within.querySelector('[data-key="' + key + '"]');
    if (!target) return false;
    if (target.tagName === "FORM") {
      target.requestSubmit ? target.requestSubmit() : target.submit();
    } else if (target.tagName === "DETAILS") {
      target.open = true;
      var field = target.querySelector("input:not([type=hidden]), textarea, select");
      if (field) field.focus();
    } else {
      target.click();
    }
    return true;
  }

  function typing(element) {
    return element && (element.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(element.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      var focused = document.activeElement;
      document.querySelectorAll("details[open]").forEach(function (d) { d.open = false; });
      /* A field inside a closed panel would keep the focus, and the next shortcut would be typed
         into it instead of acting: hand the focus back to the selected card. */
      if (focused && focused !== document.body && focused.closest("details")) {
        var card = selected();
        if (card) card.focus({ preventScroll: true });
        if (document.activeElement === focused) focused.blur();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(document.activeElement)) return;
    var handled = true;
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "?":
        if (help && help.showModal) help.showModal();
        break;
      case "Enter":
        var row = selected();
        if (row && row.dataset.href) window.location.assign(row.dataset.href);
        else handled = false;
        break;
      case "a": case "r": case "e": case "m":
        handled = trigger(event.key);
        break;
      default: handled = false;
    }
    if (handled) event.preventDefault();
  });

  document.querySelectorAll("[data-help-open]").forEach(function (button) {
    button.addEventListener("click", function () { if (help) help.showModal(); });
  });

  cards().forEach(function (card) {
    card.addEventListener("click", function (event) {
      if (!event.target.closest("a, button, input, textarea, select, summary, label")) select(card, false);
    });
  });

  document.querySelectorAll("[data-select]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var card = document.getElementById("attr-" + link.dataset.select);
      if (card) { event.preventDefault(); select(card, true); }
    });
  });

  /* Character offsets in the article, in code points like Python's, from a DOM position. */
  function offsetOf(node, offset) {
    var range = document.createRange();
    range.setStart(articleText, 0);
    range.setEnd(node, offset);
    return Array.from(range.toString()).length;
  }

  if (articleText) {
    articleText.addEventListener("click", function (event) {
      var mark = event.target.closest("mark[data-attribution]");
      if (!mark || !window.getSelection().isCollapsed) return;
      var card = document.getElementById("attr-" + mark.dataset.attribution);
      if (card) select(card, true);
    });

    articleText.addEventListener("mouseup", function () {
      var selection = window.getSelection();
      if (selection.isCollapsed || !selection.rangeCount) return;
      var range = selection.getRangeAt(0);
      if (!articleText.contains(range.startContainer) || !articleText.contains(range.endContainer)) return;
      var start = offsetOf(range.startContainer, range.startOffset);
      var end = offsetOf(range.endContainer, range.endOffset);
      var text = range.toString();
      var card = selected();
      if (!card) {
        if (hint) { hint.hidden = false; hint.textContent = "Select a claim first (j/k or click), then select its text."; }
        return;
      }
      var panel = card.querySelector("details.edit-panel");
      var form = card.querySelector("[data-edit-form]");
      form.querySelector("[data-span-start]").value = start;
      form.querySelector("[data-span-end]").value = end;
      form.querySelector("[data-span-preview]").textContent = text;
      panel.open = true;
      if (hint) {
        hint.hidden = false;
        hint.textContent = "Span " + start + "–" + end + " set on the selected claim; press Save correction to keep it.";
      }
    });
  }

  /* A speaker picker given data-speaker-choices="id" renders only its selected speaker; its other
     choices come from the page's one <template id="id"> when its panel opens or it gets focus. */
  function fillSpeakerChoices(select) {
    if (select.dataset.filled) return;
    var shared = document.getElementById(select.dataset.speakerChoices);
    if (!shared) return;
    var chosen = select.value;
    var options = Array.prototype.map.call(shared.content.querySelectorAll("option"), function (option) {
      return option.cloneNode(true);
    });
    if (chosen && !options.some(function (option) { return option.value === chosen; })) {
      options.unshift(select.querySelector('option[value="' + chosen + '"]'));
    }
    select.replaceChildren.apply(select, [select.options[0]].concat(options));
    select.value = chosen;
    select.dataset.filled = "1";
  }

  function fillPickersIn(element) {
    element.querySelectorAll("select[data-speaker-choices]").forEach(fillSpeakerChoices);
  }

  document.addEventListener("toggle", function (event) {
    if (event.target.open) fillPickersIn(event.target);
  }, true);
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("select[data-speaker-choices]")) {
      fillSpeakerChoices(event.target);
    }
  });
  document.querySelectorAll("details[open]").forEach(fillPickersIn);

  var initial = list && list.dataset.selected &&
    document.getElementById("attr-" + list.dataset.selected);
  if (initial) select(initial, true);
  var open = document.querySelector("details.edit-panel[open]");
  if (open) open.scrollIntoView({ block: "nearest" });
})();

/*
 * An article still queued, being fetched or extracted: follow its status and reload the page once
 * extraction ends, so its attributions appear. The status is announced (aria-live) as it moves.
 */
(function () {
  "use strict";
  var badge = document.querySelector("[data-article-status]");
  if (!badge || !window.fetch) return;
  var url = badge.dataset.articleStatus;
  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) { window.setTimeout(poll, 5000); return; }
        if (badge.textContent !== state.label) badge.textContent = state.label;
        badge.className = "badge article-" + state.status;
        if (state.done) window.location.reload();
        else window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();

/*
 * Messages where the eyes are: a message naming an element (data-for, the card or panel acted on)
 * moves into that element's live region, so it shows beside it and is announced, instead of at
 * the top of a page scrolled elsewhere.
 */
(function () {
  "use strict";
  document.querySelectorAll("#desk-messages li[data-for]").forEach(function (message) {
    var target = document.getElementById(message.dataset.for);
    if (!target) return;
    var slot = target.querySelector("[data-messages-slot]");
    if (!slot) {
      slot = document.createElement("div");
      slot.setAttribute("data-messages-slot", "");
      slot.setAttribute("role", "status");
      slot.setAttribute("aria-live", "polite");
      target.insertBefore(slot, target.firstChild);
    }
    slot.className = "inline-messages";
    var list = slot.querySelector("ul") || slot.appendChild(document.createElement("ul"));
    list.className = "messagelist";
    /* Inserted after load, inside a region already on the page, so it is announced. */
    window.requestAnimationFrame(function () {
      var from = message.parentNode;
      list.appendChild(message);
      if (from && !from.children.length) from.remove();
      target.scrollIntoView({ block: "nearest" });
    });
  });
})();

/*
 * Search as you type, for the merge targets and the speakers: what is typed is looked up (a JSON
 * endpoint answering {results: [...]}) and the matches listed under the field (role=listbox); a
 * click, or the arrow keys and Enter, choose one. Escape closes the list.
 *   Merge targets ([data-claim-search]): words of a claim or its number; choosing fills the field
 *   with "#12 its text", which the server reads the number from.
 *   Speakers ([data-source-search], hidden until this runs): part of a name; choosing selects that
 *   source in the picker's <select> (named by data-source-target), adding it when the page's own
 *   list lacks it, so the form posts what it posts without JavaScript.
 */
(function () {
  "use strict";

  function typeahead(input, config) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var timer = null;
    var active = -1;
    var results = [];

    function options() { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      config.choose(results[index]);
      close();
      input.focus();
    }

    function highlight(index) {
      var all = options();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[active].id);
    }

    function show(found) {
      results = found;
      list.textContent = "";
      found.forEach(function (result, i) {
        var option = document.createElement("li");
        option.setAttribute("role", "option");
        option.id = list.id + "-" + i;
        option.textContent = config.label(result);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(option);
      });
      if (!found.length) {
        var none = document.createElement("li");
        none.className = "empty";
        none.textContent = config.none;
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var query = input.value.trim();
      if (!config.worthAsking(query)) { close(); return; }
      timer = window.setTimeout(function () {
        fetch(config.url(query), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { if (input.value.trim() === query) show(data.results); })
          .catch(close);
      }, 200);
    });

    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { highlight(active + 1); event.preventDefault(); }
      else if (event.key === "ArrowUp") { highlight(active - 1); event.preventDefault(); }
      else if (event.key === "Enter" && active >= 0) { choose(active); event.preventDefault(); }
      else if (event.key === "Escape") { close(); event.stopPropagation(); }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  document.querySelectorAll("[data-claim-search]").forEach(function (input) {
    typeahead(input, {
      url: function (query) { return input.dataset.claimSearch + "&q=" + encodeURIComponent(query); },
      worthAsking: function (query) { return query.length >= 2 || /^#?\d+$/.test(query); },
      label: function (claim) { return claim.label; },
      none: "No claim matches.",
      choose: function (claim) { input.value = "#" + claim.id + " " + claim.text; }
    });
  });

  document.querySelectorAll("[data-source-search]").forEach(function (input) {
    var select = document.getElementById(input.dataset.sourceTarget);
    if (!select) return;
    input.closest("[data-source-finder]").hidden = false;
    typeahead(input, {
      url: function (query) { return input.dataset.sourceSearch + "?q=" + encodeURIComponent(query); },
      worthAsking: function (query) { return query.length >= 2; },
      label: function (source) { return source.label + " (" + source.kind.toLowerCase() + ")"; },
      none: "No source matches; name a new one below.",
      choose: function (source) {
        /* The page's shared list first, so the chosen source is not listed twice. */
        select.dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
        var value = String(source.id);
        if (!Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = source.label;
          select.appendChild(option);
        }
        select.value = value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
        input.value = source.label;
      }
    });
  });
})();
