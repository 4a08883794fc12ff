/* global document */
// Fills the page's form from a form posted after the session ended (issue 13). The server put the
// posted fields on #restored-form; this only sets values, the coordinator presses save themselves.
(function () {
  var holder = document.getElementById('restored-form');
  if (!holder) return;
  var fields;
  try { fields = JSON.parse(holder.getAttribute("data-fields") || "{}"); } catch { return; }
  var values = function (name) {
    var v = fields[name];
    return v === undefined ? undefined : Array.isArray(v) ? v : [v];
  };
  var skip = function (el) {
    return !el.name || el.type === 'hidden' || el.type === 'password' || el.type === 'file' || el.type === 'submit' || el.type === 'button';
  };
  // The form sharing most field names with what was posted (never the logout form).
  var best = null;
  var bestScore = 0;
  Array.prototype.forEach.call(document.querySelectorAll('main form'), function (form) {
    var score = 0;
    Array.prototype.forEach.call(form.elements, function (el) { if (!skip(el) && values(el.name)) score++; });
    if (score > bestScore) { best = form; bestScore = score; }
  });
  if (!best) return;
  var used = {};
  Array.prototype.forEach.call(best.elements, function (el) {
    if (skip(el)) return;
    var vs = values(el.name);
    if (el.type === 'checkbox') { el.checked = !!vs && vs.indexOf(el.value) >= 0; return; }
    if (!vs) return;
    if (el.type === 'radio') { el.checked = vs.indexOf(el.value) >= 0; return; }
    if (el.tagName === 'SELECT' && el.multiple) {
      Array.prototype.forEach.call(el.options, function (o) { o.selected = vs.indexOf(o.value) >= 0; });
      return;
    }
    var i = used[el.name] || 0;
    used[el.name] = i + 1;
    if (vs[i] !== undefined) el.value = vs[i];
  });
  var first = best.querySelector('input:not([type=hidden]), select, textarea');
  if (first) first.focus();
})();
