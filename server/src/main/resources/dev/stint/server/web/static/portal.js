// stint access portal: copy buttons and the credentials dialog. Nothing else needs script;
// every page works without it.
(function () {
  "use strict";

  function announce(text) {
    var live = document.getElementById("live");
    if (live) {
      live.textContent = "";
      window.setTimeout(function () { live.textContent = text; }, 50);
    }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain HTTP on a non-loopback host has no clipboard API: select a hidden text area instead.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  function setUpCopyButtons(root) {
    root.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source) { return; }
        var label = button.textContent;
        copyText(source.textContent).then(function () {
          button.textContent = "Copied";
          announce("Copied to the clipboard");
          window.setTimeout(function () { button.textContent = label; }, 2000);
        }, function () {
          announce("Could not copy; select the text and copy it by hand");
        });
      });
    });
  }

  function setUpTabs(dialog) {
    var tabs = Array.prototype.slice.call(dialog.querySelectorAll('[role="tab"]'));
    if (tabs.length === 0) { return; }
    function select(tab, focus) {
      tabs.forEach(function (t) {
        var selected = t === tab;
        t.setAttribute("aria-selected", selected ? "true" : "false");
        t.tabIndex = selected ? 0 : -1;
        var panel = document.getElementById(t.getAttribute("aria-controls"));
        if (panel) { panel.hidden = !selected; }
      });
      if (focus) { tab.focus(); }
    }
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { select(tab, false); });
      tab.addEventListener("keydown", function (e) {
        var next = null;
        if (e.key === "ArrowRight") { next = tabs[(i + 1) % tabs.length]; }
        if (e.key === "ArrowLeft") { next = tabs[(i - 1 + tabs.length) % tabs.length]; }
        if (e.key === "Home") { next = tabs[0]; }
        if (e.key === "End") { next = tabs[tabs.length - 1]; }
        if (next) { e.preventDefault(); select(next, true); }
      });
    });
    dialog.querySelector('[role="tablist"]').hidden = false;
    select(tabs[0], false);
  }

  function setUpDialog(dialog) {
    setUpTabs(dialog);
    // Closing leaves the credentials behind: the page that showed them is replaced, so they stay
    // out of the history too.
    dialog.addEventListener("close", function () {
      window.location.replace(dialog.getAttribute("data-close-href") || "/");
    });
    dialog.querySelectorAll("[data-close]").forEach(function (link) {
      link.addEventListener("click", function (e) {
        e.preventDefault();
        dialog.close();
      });
    });
    if (typeof dialog.showModal === "function") {
      // Rendered open so that it shows without script; reopened modal for focus containment.
      dialog.removeAttribute("open");
      dialog.showModal();
      var first = dialog.querySelector('[role="tab"][aria-selected="true"]');
      if (first) { first.focus(); }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpCopyButtons(document);
    document.querySelectorAll("dialog[data-autoshow]").forEach(setUpDialog);
  });
})();
