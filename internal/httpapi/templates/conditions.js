(function () {
  // Shows a conditional question only while its parent's answer is the
  // condition's value (compared without case, or as numbers), and disables
  // it otherwise so that it is not sent. Without this script every
  // question is shown, with a note saying when it applies.
  var form = document.querySelector("form.apply");
  if (!form) return;
  var items = form.querySelectorAll("[data-parent]");
  function same(a, b) {
    a = a.trim().toLowerCase(); b = b.trim().toLowerCase();
    if (a === b) return true;
    var x = parseFloat(a), y = parseFloat(b);
    return a !== "" && b !== "" && !isNaN(x) && !isNaN(y) && isFinite(a) && isFinite(b) && x === y;
  }
  function answers(name) {
    var out = [];
    form.querySelectorAll("[name]").forEach(function (el) {
      if (el.name !== name || el.disabled) return;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      if (el.value !== "") out.push(el.value);
    });
    return out;
  }
  function update() {
    items.forEach(function (item) {
      var when = item.getAttribute("data-when") || "";
      var on = answers(item.getAttribute("data-parent")).some(function (v) { return same(v, when); });
      var need = on && item.getAttribute("data-required") === "true";
      item.hidden = !on;
      item.querySelectorAll("input,select,textarea").forEach(function (el) {
        el.disabled = !on;
        if (el.type !== "checkbox") el.required = need;
      });
    });
  }
  function refresh() { update(); update(); update(); } // chains of conditions settle in a few passes
  form.addEventListener("change", refresh);
  form.addEventListener("input", refresh);
  refresh();
})();
