/**
 * The report's only script, inlined: client-side filters over the item list (dataset, model,
 * wrong / flipped / unextracted / failed, text search), paging so a long list stays fast, and
 * thumbnails that get their data URL only when their item is shown (the images JSON holds each
 * distinct image once). Plain ES2015, no library.
 */
export const SCRIPT = `
(function () {
  'use strict';
  var PAGE = 50;
  var imagesEl = document.getElementById('report-images');
  var images = imagesEl ? JSON.parse(imagesEl.textContent || '{}') : {};
  var list = document.getElementById('items-list');
  if (!list) return;
  var items = Array.prototype.slice.call(list.querySelectorAll('.item'));
  var texts = new Map();
  var state = { filter: 'all', dataset: '', model: '', q: '', page: 0 };
  var count = document.getElementById('f-count');
  var buttons = Array.prototype.slice.call(document.querySelectorAll('.filters button[data-filter]'));

  function hasModel(el, attr, model) {
    var v = el.getAttribute(attr) || '';
    if (v === '') return false;
    return model === '' || (' ' + v + ' ').indexOf(' ' + model + ' ') >= 0;
  }
  function text(el) {
    if (!texts.has(el)) texts.set(el, el.textContent.toLowerCase());
    return texts.get(el);
  }
  function matches(el) {
    if (state.dataset !== '' && el.getAttribute('data-d') !== state.dataset) return false;
    if (state.model !== '' && !hasModel(el, 'data-models', state.model)) return false;
    if (state.filter === 'wrong' && !hasModel(el, 'data-wrong', state.model)) return false;
    if (state.filter === 'unextracted' && !hasModel(el, 'data-unext', state.model)) return false;
    if (state.filter === 'failed' && !hasModel(el, 'data-failed', state.model)) return false;
    if (state.filter === 'flipped' && el.getAttribute('data-flip') !== '1') return false;
    if (state.q !== '' && text(el).indexOf(state.q) < 0) return false;
    return true;
  }
  function showImages(el) {
    Array.prototype.forEach.call(el.querySelectorAll('img[data-img]'), function (img) {
      var url = images[img.getAttribute('data-img')];
      if (url && !img.getAttribute('src')) img.setAttribute('src', url);
    });
  }
  function render() {
    var matched = items.filter(matches);
    var pages = Math.max(1, Math.ceil(matched.length / PAGE));
    if (state.page >= pages) state.page = pages - 1;
    var from = state.page * PAGE;
    var shown = matched.slice(from, from + PAGE);
    items.forEach(function (el) { el.hidden = true; });
    shown.forEach(function (el) { el.hidden = false; showImages(el); });
    count.setAttribute('data-matches', String(matched.length));
    count.setAttribute('data-shown', String(shown.length));
    count.textContent = matched.length === 0 ? 'no item matches'
      : matched.length + ' of ' + items.length + ' items match; showing ' + (from + 1) + '–' + (from + shown.length);
    document.getElementById('f-prev').disabled = state.page === 0;
    document.getElementById('f-next').disabled = state.page >= pages - 1;
    buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-filter') === state.filter)); });
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () { state.filter = b.getAttribute('data-filter'); state.page = 0; render(); });
  });
  document.getElementById('f-dataset').addEventListener('change', function (e) { state.dataset = e.target.value; state.page = 0; render(); });
  document.getElementById('f-model').addEventListener('change', function (e) { state.model = e.target.value; state.page = 0; render(); });
  document.getElementById('f-search').addEventListener('input', function (e) { state.q = e.target.value.trim().toLowerCase(); state.page = 0; render(); });
  document.getElementById('f-prev').addEventListener('click', function () { state.page--; render(); });
  document.getElementById('f-next').addEventListener('click', function () { state.page++; render(); });
  list.addEventListener('click', function (e) {
    if (e.target && e.target.tagName === 'IMG') e.target.classList.toggle('big');
  });
  render();
})();
`;
