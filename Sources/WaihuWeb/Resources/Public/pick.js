// Long pick lists: a text field with data-filter-options="<select>" hides the options that do not contain what
// is typed; a button with data-select-all="<select>" selects every option shown.
(function () {
  'use strict';
  document.querySelectorAll('[data-filter-options]').forEach(function (field) {
    var list = document.querySelector(field.dataset.filterOptions);
    if (!list) { return; }
    field.addEventListener('input', function () {
      var text = field.value.trim().toLowerCase();
      Array.prototype.forEach.call(list.options, function (option) {
        option.hidden = text !== '' && option.textContent.toLowerCase().indexOf(text) < 0;
      });
    });
  });
  document.querySelectorAll('[data-select-all]').forEach(function (button) {
    var list = document.querySelector(button.dataset.selectAll);
    if (!list) { return; }
    button.addEventListener('click', function () {
      Array.prototype.forEach.call(list.options, function (option) { option.selected = !option.hidden; });
      list.dispatchEvent(new Event('change'));
    });
  });
})();
