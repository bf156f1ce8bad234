// gongwen's search box for other sites, in one tag:
//
//   <div id="gw-box"></div>
//   <div id="gw-results"></div>
//   <script src="https://GONGWEN-HOST/embed.js" data-target="#gw-box" data-results="#gw-results"></script>
//
// Attributes of the <script> tag:
//   data-target       (required) CSS selector of the element the search box is drawn into.
//   data-results      (optional) CSS selector of the element results are listed in, on the
//                     portal's own page. Without it a search opens gongwen's page
//                     (ORIGIN/#/search?q=…) and a suggestion opens the document there.
//   data-limit        (optional) results per page, 1-20, default 10.
//   data-placeholder  (optional) placeholder text of the input.
//   data-new-window   (optional) "true" opens gongwen's pages in a new tab.
//   data-query        (optional) a query searched on load, for a topic block on a portal page
//                     (needs data-results; ignored without it).
//
// The API answers from gongwen's origin (taken from this script's own src), so a portal on
// another origin needs gongwen to send CORS headers. Every class name starts with `gw-` and the
// styles are scoped to them; text from the API is inserted as text, only the server-escaped
// highlight `html` fields (with <em> around matches) as HTML.
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !script.src) {
    if (window.console) console.error('gongwen embed.js: load it with a plain <script src> tag');
    return;
  }
  var ORIGIN = new URL(script.src, location.href).origin;
  var cfg = {
    target: script.getAttribute('data-target'),
    results: script.getAttribute('data-results'),
    limit: Math.max(1, Math.min(20, parseInt(script.getAttribute('data-limit'), 10) || 10)),
    placeholder: script.getAttribute('data-placeholder') || '搜索政府公文：标题、关键词或发文字号',
    newWindow: script.getAttribute('data-new-window') === 'true',
    query: (script.getAttribute('data-query') || '').trim()
  };
  var KIND = {
    policy: '政策', notice: '通知', regulation: '法规规章', law: '法律',
    judicial_interpretation: '司法解释', interpretation: '政策解读', gazette: '公报',
    report: '报告', other: '其他'
  };
  var STATUS = { in_force: '现行有效', amended: '已修改', repealed: '已废止', expired: '已失效', unknown: '未标注' };

  // The style sheet is linked from gongwen's origin, not written inline: a portal whose
  // content security policy refuses inline styles can allow that origin (see QA web pass,
  // fifteenth session: the box rendered unstyled under `style-src 'self'`).
  function injectStyle() {
    if (document.getElementById('gw-embed-style')) return;
    var link = document.createElement('link');
    link.id = 'gw-embed-style';
    link.rel = 'stylesheet';
    link.href = ORIGIN + '/embed.css';
    (document.head || document.documentElement).appendChild(link);
  }

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = text;
    return n;
  }

  function getJSON(path, signal) {
    return fetch(ORIGIN + path, { headers: { Accept: 'application/json' }, signal: signal, credentials: 'omit' })
      .then(function (r) {
        return r.json().catch(function () { return null; }).then(function (body) {
          if (!r.ok) throw new Error(explain(body, r.status));
          return body;
        });
      }, function () {
        throw new Error('无法连接到公文检索服务，请检查网络后重试。');
      });
  }

  // What a refused or failed request means, in the visitor's words (the server's messages
  // are for API users).
  function explain(body, status) {
    var m = (body && body.message) || '';
    if (status === 503) return '检索超时，请简化检索词后重试。';
    if (status >= 500) return '服务暂时不可用，请稍后重试。';
    if (/result window|offset \+ limit/.test(m)) return '最多只能翻看前 1000 条结果，请增加检索词缩小范围。';
    if (/longer than/.test(m)) return '检索词太长，请精简到 512 个字符以内。';
    if (/terms/.test(m)) return '检索词太多，请减少词语的数量。';
    return '检索条件无法识别，请检查后重试。';
  }

  function pageUrl(hash) { return ORIGIN + '/' + hash; }
  function searchUrl(q) { return pageUrl('#/search?q=' + encodeURIComponent(q)); }
  function docUrl(id) { return pageUrl('#/doc/' + encodeURIComponent(id)); }

  function open(url) {
    if (cfg.newWindow) window.open(url, '_blank', 'noopener');
    else location.assign(url);
  }

  // Ids unique on the page, however many times this script is included (each inclusion
  // runs it afresh): the first number no element holds yet.
  function freeNumber() {
    var n = 1;
    while (document.getElementById('gw-q-' + n) || document.getElementById('gw-suggest-' + n)) n++;
    return n;
  }

  function mount(box, results) {
    var n = freeNumber();
    injectStyle();
    box.classList.add('gw-box');

    var form = el('form', 'gw-form');
    form.setAttribute('role', 'search');
    form.setAttribute('autocomplete', 'off');
    var label = el('label', 'gw-label', '搜索政府公文');
    var input = el('input', 'gw-input');
    var listId = 'gw-suggest-' + n;
    input.type = 'search';
    input.id = 'gw-q-' + n;
    input.maxLength = 512;
    input.placeholder = cfg.placeholder;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    label.htmlFor = input.id;
    var combo = el('div', 'gw-combo');
    var list = el('ul', 'gw-suggest');
    list.id = listId;
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', '搜索建议');
    list.hidden = true;
    var button = el('button', 'gw-button', '搜索');
    button.type = 'submit';
    combo.appendChild(input);
    combo.appendChild(list);
    form.appendChild(label);
    form.appendChild(combo);
    form.appendChild(button);
    box.appendChild(form);

    // What a screen reader announces: the summary of each answer, not every hit again (the
    // whole results area was a live region: see QA web pass, fifteenth session).
    var status = el('p', 'gw-label');
    status.setAttribute('role', 'status');
    box.appendChild(status);
    if (results) results.classList.add('gw-results');

    // ------------------------------------------------------------ suggestions
    var items = [];
    var active = -1;
    var timer = null;
    var sugAbort = null;

    function close() {
      clearTimeout(timer);
      if (sugAbort) { sugAbort.abort(); sugAbort = null; }
      items = [];
      active = -1;
      list.hidden = true;
      list.textContent = '';
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function choose(i) {
      var s = items[i];
      if (!s) return;
      close();
      if (s.id) open(docUrl(s.id));
      else { input.value = s.text; search(s.text, 0); }
    }

    function mark(i) {
      active = i;
      for (var k = 0; k < list.children.length; k++) {
        list.children[k].setAttribute('aria-selected', k === i ? 'true' : 'false');
      }
      if (list.children[i]) input.setAttribute('aria-activedescendant', list.children[i].id);
    }

    function suggest(text) {
      if (sugAbort) sugAbort.abort();
      sugAbort = typeof AbortController === 'function' ? new AbortController() : null;
      getJSON('/api/suggest?limit=8&q=' + encodeURIComponent(text), sugAbort && sugAbort.signal).then(function (data) {
        if (input.value.trim() !== text || document.activeElement !== input) return;
        list.textContent = '';
        items = (data && data.suggestions) || [];
        active = -1;
        items.forEach(function (s, i) {
          var li = el('li', 'gw-option');
          li.id = listId + '-' + i;
          li.setAttribute('role', 'option');
          li.setAttribute('aria-selected', 'false');
          li.appendChild(el('span', 'gw-tag', s.kind === 'doc_number' ? '文号' : '标题'));
          li.appendChild(el('span', null, s.text));
          li.addEventListener('mousedown', function (e) { e.preventDefault(); });
          li.addEventListener('click', function () { choose(i); });
          list.appendChild(li);
        });
        list.hidden = items.length === 0;
        input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
      }, function () { /* no suggestions on failure */ });
    }

    input.addEventListener('input', function (e) {
      clearTimeout(timer);
      if (e.isComposing) return; // pinyin letters before the characters
      var text = input.value.trim();
      if (!text) { close(); return; }
      timer = setTimeout(function () { suggest(text); }, 150);
    });
    input.addEventListener('compositionend', function () {
      input.dispatchEvent(new Event('input'));
    });
    input.addEventListener('keydown', function (e) {
      if (e.isComposing || e.keyCode === 229) return;
      var openList = !list.hidden && items.length > 0;
      if (!openList) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); mark((active + 1) % items.length); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); mark(active <= 0 ? items.length - 1 : active - 1); }
      else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); choose(active); }
      else if (e.key === 'Escape') { e.preventDefault(); close(); }
    });
    input.addEventListener('blur', close);

    // ------------------------------------------------------------ results
    var seq = 0;

    function search(q, offset) {
      if (!results) { open(searchUrl(q)); return; }
      var mine = ++seq;
      results.setAttribute('aria-busy', 'true');
      var path = '/api/search?q=' + encodeURIComponent(q) + '&limit=' + cfg.limit + '&offset=' + offset;
      getJSON(path).then(function (data) {
        if (mine !== seq) return;
        render(q, offset, data);
      }, function (err) {
        if (mine !== seq) return;
        results.setAttribute('aria-busy', 'false');
        results.textContent = '';
        results.appendChild(el('p', 'gw-error', '检索出错：' + err.message));
        status.textContent = '检索出错：' + err.message;
      });
    }

    function render(q, offset, data) {
      results.setAttribute('aria-busy', 'false');
      results.textContent = '';
      var total = data.total || 0;
      var summary = total
        ? '共 ' + total + ' 条结果，显示第 ' + (offset + 1) + '–' + (offset + data.hits.length) + ' 条'
        : '没有找到与“' + q + '”相关的公文';
      results.appendChild(el('p', 'gw-summary', summary));
      status.textContent = summary;
      var ol = el('ol', 'gw-list');
      (data.hits || []).forEach(function (h) {
        var li = el('li', 'gw-hit');
        var title = el('h3', 'gw-title');
        var a = el('a');
        a.href = docUrl(h.id);
        if (cfg.newWindow) { a.target = '_blank'; a.rel = 'noopener'; }
        if (h.title_highlight && typeof h.title_highlight.html === 'string') a.innerHTML = h.title_highlight.html;
        else a.textContent = h.title;
        title.appendChild(a);
        li.appendChild(title);
        var meta = el('p', 'gw-meta');
        if (h.doc_number) meta.appendChild(el('span', null, h.doc_number));
        if (h.issuers && h.issuers.length) meta.appendChild(el('span', null, h.issuers.join('、')));
        if (h.written || h.published) meta.appendChild(el('span', null, h.written || h.published));
        meta.appendChild(el('span', null, (KIND[h.kind] || h.kind) + ' · ' + (STATUS[h.status] || h.status)));
        li.appendChild(meta);
        if (h.snippet && typeof h.snippet.html === 'string' && h.snippet.html) {
          var p = el('p', 'gw-snippet');
          p.innerHTML = h.snippet.html;
          li.appendChild(p);
        }
        ol.appendChild(li);
      });
      results.appendChild(ol);
      var more = el('p', 'gw-more');
      function pageButton(text, to) {
        var b = el('button', 'gw-button', text);
        b.type = 'button';
        b.addEventListener('click', function () {
          // Keep the keyboard in the box: the button is gone once the new page renders.
          results.setAttribute('tabindex', '-1');
          search(q, to);
          results.focus();
        });
        more.appendChild(b);
      }
      if (offset > 0) pageButton('上一页', Math.max(0, offset - cfg.limit));
      // The server's result window ends at 1000 hits.
      if (offset + cfg.limit < total && offset + 2 * cfg.limit <= 1000) pageButton('下一页', offset + cfg.limit);
      if (total) {
        var all = el('a', null, '在公文检索中查看全部结果 →');
        all.href = searchUrl(q);
        if (cfg.newWindow) { all.target = '_blank'; all.rel = 'noopener'; }
        more.appendChild(all);
      }
      results.appendChild(more);
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      close();
      var q = input.value.trim();
      if (q) search(q, 0);
      else input.focus();
    });

    if (cfg.query && results) {
      input.value = cfg.query;
      search(cfg.query, 0);
    }
  }

  function start() {
    var box = cfg.target && document.querySelector(cfg.target);
    if (!box) {
      if (window.console) console.error('gongwen embed.js: no element matches data-target=' + cfg.target);
      return;
    }
    var results = cfg.results ? document.querySelector(cfg.results) : null;
    if (cfg.results && !results && window.console) {
      console.error('gongwen embed.js: no element matches data-results=' + cfg.results + '; opening gongwen instead');
    }
    mount(box, results);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
