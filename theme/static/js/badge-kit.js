// Copy buttons of the badge kits: copy a code snippet to the clipboard and announce it.
// Progressive enhancement: without JavaScript the buttons stay hidden and the code can be selected.
(function () {
  "use strict";

  function announce(message) {
    var status = document.querySelector("[data-copy-status]");
    if (!status) return;
    status.textContent = "";
    // A fresh text node after a tick makes screen readers announce a repeated message too.
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var text = source.textContent;
    var done = function () {
      button.classList.add("copy-button--done");
      announce("Code gekopieerd naar het klembord.");
      window.setTimeout(function () { button.classList.remove("copy-button--done"); }, 2000);
    };
    var failed = function () {
      selectText(source);
      announce("Kopiëren lukte niet; de code is geselecteerd. Kopieer hem met Ctrl+C of Cmd+C.");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      failed();
    }
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
