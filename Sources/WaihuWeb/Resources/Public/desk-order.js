// The order on the desk: the project's product list (names offered, prices fixed), the items and delivery
// typed, how the customer pays, and the read-back (唱单): the server writes the lines from what is typed, in
// the words the verifier will use; the agent ticks each once the customer agreed, then the customer's explicit
// yes. Changing the order after the read-back clears the ticks: it must be read again.
var WaihuOrder = (function () {
  'use strict';
  function create(root, request, say) {
    var $ = function (id) { return document.getElementById(id); };
    var productPrices = {}, lines = $('read-back-lines');

    function offerProducts(products) {
      productPrices = {};
      var list = $('product-list');
      list.textContent = '';
      products.forEach(function (p) {
        productPrices[p.name] = p.unit_price_cents / 100;
        var option = document.createElement('option');
        option.value = p.name;
        option.label = p.name + ' ¥' + (p.unit_price_cents / 100).toFixed(2);
        list.appendChild(option);
      });
      root.querySelectorAll('.order-item').forEach(function (line) {
        var product = line.querySelector('[name=product]'), price = line.querySelector('[name=price]');
        if (products.length) { product.setAttribute('list', 'product-list'); } else { product.removeAttribute('list'); }
        price.readOnly = products.length > 0;
      });
    }

    // What is typed: the item lines filled in, the delivery data, the payment method.
    function draft() {
      var items = [];
      root.querySelectorAll('.order-item').forEach(function (line) {
        var product = line.querySelector('[name=product]').value.trim();
        if (!product) { return; }
        items.push({ product: product, quantity: parseInt(line.querySelector('[name=quantity]').value, 10) || 0,
                     unit_price: parseFloat(line.querySelector('[name=price]').value) || 0 });
      });
      return { items: items, delivery_name: $('order-name').value, delivery_address: $('order-address').value,
               delivery_phone: $('order-phone').value, payment_method: $('order-payment').value };
    }

    // The order as recorded: what is typed, the lines of the read-back ticked, the customer's yes.
    function order() {
      var result = draft();
      result.read_back = Array.prototype.filter.call(lines.querySelectorAll('input[type=checkbox]'), function (box) { return box.checked; })
        .map(function (box) { return box.value; });
      result.customer_yes = $('order-yes').checked;
      return result;
    }

    function total() {
      var sum = draft().items.reduce(function (s, i) { return s + i.quantity * i.unit_price; }, 0);
      $('order-total').textContent = sum.toFixed(2);
    }

    function clear(stale) {
      var wasShown = lines.childNodes.length > 0;
      lines.textContent = '';
      $('order-yes').checked = false;
      if (stale && wasShown) {
        var note = document.createElement('p');
        note.className = 'error';
        note.textContent = root.dataset.readBackStale;
        lines.appendChild(note);
      }
    }

    function readBack(attempt) {
      return request('POST', '/desk/attempts/' + attempt + '/read-back', draft()).then(function (result) {
        clear(false);
        result.lines.forEach(function (line) {
          var label = document.createElement('label'), box = document.createElement('input'), text = document.createElement('span');
          box.type = 'checkbox';
          box.value = line.item;
          text.textContent = line.name + '：' + line.text;
          label.appendChild(box);
          label.appendChild(text);
          lines.appendChild(label);
        });
        var question = document.createElement('p');
        question.className = 'question';
        question.textContent = result.question;
        lines.appendChild(question);
      });
    }

    root.querySelectorAll('.order-item [name=product]').forEach(function (input) {
      input.addEventListener('input', function () {
        var price = input.closest('.order-item').querySelector('[name=price]');
        if (productPrices[input.value.trim()] !== undefined) { price.value = productPrices[input.value.trim()].toFixed(2); }
      });
    });
    $('order').addEventListener('input', function (event) {
      total();
      if (!lines.contains(event.target) && event.target.id !== 'order-yes') { clear(true); }
    });
    $('order-payment').addEventListener('change', function () { clear(true); });

    return { offerProducts: offerProducts, order: order, total: total, readBack: readBack, clear: clear };
  }
  return { create: create };
})();
