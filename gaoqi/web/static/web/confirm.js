// A confirmation before an action that cannot be taken back: a form (or its submit button) with
// data-confirm="…" asks the question first; "Cancel" leaves the page as it was and sends nothing.
// Kept in a file, not inline, for the Content-Security-Policy.
document.addEventListener(
  "submit",
  function (event) {
    "use strict";
    var form = event.target;
    var button = event.submitter;
    var question = (button && button.dataset.confirm) || (form.dataset && form.dataset.confirm);
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true
);
