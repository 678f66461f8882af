// Actions hard to undo ask first: a form with data-confirm asks its text; a form whose chosen option carries
// data-confirm (taking back every lead, closing a project) asks that option's text.
document.addEventListener('submit', function (event) {
  var form = event.target, text = form.dataset ? form.dataset.confirm : null;
  form.querySelectorAll('select').forEach(function (select) {
    var chosen = select.selectedOptions[0];
    if (chosen && chosen.dataset.confirm) { text = chosen.dataset.confirm; }
  });
  if (text && !window.confirm(text)) { event.preventDefault(); event.stopImmediatePropagation(); }
}, true);
