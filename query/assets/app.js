// gongwen's search page: a hash router over the JSON API, no build step, no dependencies.
//
//   #/search?q=…&issuer=…&kind=…&year=…&status=…&sort=…&page=N   the result list
//   #/doc/ID                                                     one document
//
// Every URL is shareable and the browser's back button walks the history. Text from the API is
// inserted with textContent; only the `html` fields of highlights (escaped by the server, with
// <em> around the matches) go through innerHTML.
(function () {
  'use strict';

  var PAGE_SIZE = 10;
  // The server refuses offset + limit beyond its result window (Limits::max_window).
  var MAX_WINDOW = 1000;
  var SUGGEST_DELAY_MS = 150;
  var FILTERS = ['issuer', 'kind', 'year', 'status'];

  var KIND = {
    policy: '政策',
    notice: '通知',
    regulation: '法规规章',
    law: '法律',
    judicial_interpretation: '司法解释',
    interpretation: '政策解读',
    gazette: '公报',
    report: '报告',
    other: '其他'
  };
  var STATUS = {
    in_force: '现行有效',
    amended: '已修改',
    repealed: '已废止',
    expired: '已失效',
    unknown: '未标注'
  };
  var RESOLUTION = {
    resolved: '已收录',
    unknown_number: '未收录此文号',
    unknown_title: '未收录此标题',
    mismatch: '文号与标题不符'
  };

  var $ = function (id) { return document.getElementById(id); };
  var els = {
    form: $('search-form'),
    q: $('q'),
    suggestions: $('suggestions'),
    filterBox: $('filter-box'),
    filterCount: $('filter-count'),
    filters: $('filters'),
    clear: $('f-clear'),
    searchView: $('search-view'),
    results: $('results'),
    summary: $('summary'),
    understood: $('understood'),
    searchMessage: $('search-message'),
    hits: $('hits'),
    pager: $('pager'),
    prev: $('prev'),
    next: $('next'),
    pageInfo: $('page-info'),
    docView: $('doc-view'),
    back: $('back'),
    docMessage: $('doc-message'),
    docContent: $('doc-content')
  };

  // ---------------------------------------------------------------- small DOM helpers

  /** Create an element; `text` is inserted as text, never parsed. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') node.textContent = v;
        else if (k === 'className') node.className = v;
        else node.setAttribute(k, v === true ? '' : v);
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /** Only http(s) links from the data become clickable. */
  function safeUrl(u) {
    return typeof u === 'string' && /^https?:\/\//i.test(u) ? u : null;
  }

  function kindLabel(k) { return KIND[k] || k || KIND.other; }
  function statusLabel(s) { return STATUS[s] || s || STATUS.unknown; }

  function badge(cls, label) {
    return el('span', { className: 'badge ' + cls, text: label });
  }

  function messageBox(kind, title, detail, action) {
    return el('div', { className: 'message message-' + kind, role: kind === 'error' ? 'alert' : 'status' }, [
      el('p', { className: 'message-title', text: title }),
      detail ? el('p', { className: 'message-detail', text: detail }) : null,
      action || null
    ]);
  }

  // ---------------------------------------------------------------- the API

  /** What a refused or failed request means, in the page's words: the server's messages are
   *  for API users (`offset + limit may not exceed 1000`), and a portal's visitors read Chinese. */
  function explain(body, status) {
    var m = (body && body.message) || '';
    var code = (body && body.code) || '';
    if (code === 'timeout' || status === 503) return '检索超时，请减少或简化检索词后重试。';
    if (status >= 500) return '服务器出错（HTTP ' + status + '），请稍后重试。';
    if (status === 404) return '没有找到这篇公文，它可能已被删除或不再公开。';
    if (/result window|offset \+ limit/.test(m)) return '最多只能翻看前 1000 条结果，请增加检索词或用左侧筛选缩小范围。';
    if (/longer than/.test(m)) return '检索词太长，请精简到 512 个字符以内。';
    if (/terms/.test(m)) return '检索词太多，请减少词语的数量。';
    if (code === 'not_a_document_number') return '这不是一个有效的发文字号。';
    if (status === 400) return '检索条件无法识别，请检查后重试。';
    return '服务器返回错误（HTTP ' + status + '）。';
  }

  function ApiFailure(message, status, code) {
    this.message = message;
    this.status = status;
    this.code = code;
  }

  /** GET a relative API path; resolves to JSON, rejects with an ApiFailure carrying the
   *  server's `message` (or an AbortError when superseded). */
  function api(path, signal) {
    return fetch(path, { headers: { Accept: 'application/json' }, signal: signal }).then(
      function (resp) {
        return resp.json().then(
          function (body) { return body; },
          function () { return null; }
        ).then(function (body) {
          if (!resp.ok) {
            throw new ApiFailure(explain(body, resp.status), resp.status, body && body.code);
          }
          if (body === null) throw new ApiFailure('服务器返回的内容无法解析', resp.status);
          return body;
        });
      },
      function (e) {
        if (e && e.name === 'AbortError') throw e;
        throw new ApiFailure('无法连接到服务器，请检查网络后重试', 0);
      }
    );
  }

  // ---------------------------------------------------------------- routing

  function parseRoute() {
    var h = location.hash.replace(/^#/, '');
    var m = /^\/doc\/(.+)$/.exec(h);
    if (m) {
      var id;
      try { id = decodeURIComponent(m[1]); } catch (e) { id = m[1]; }
      return { view: 'doc', id: id };
    }
    var qs = h.indexOf('?') >= 0 ? h.slice(h.indexOf('?') + 1) : '';
    var p = new URLSearchParams(qs);
    var params = { q: p.get('q') || '', sort: p.get('sort') || '', page: parseInt(p.get('page'), 10) || 1 };
    FILTERS.concat(['from', 'to']).forEach(function (f) { params[f] = p.get(f) || ''; });
    if (params.page < 1) params.page = 1;
    return { view: 'search', params: params };
  }

  function searchHash(params) {
    var p = new URLSearchParams();
    ['q'].concat(FILTERS, ['from', 'to', 'sort']).forEach(function (k) {
      if (params[k]) p.set(k, params[k]);
    });
    if (params.page && params.page > 1) p.set('page', String(params.page));
    var s = p.toString();
    return '#/search' + (s ? '?' + s : '');
  }

  function go(hash) {
    if (location.hash === hash) route();
    else location.hash = hash;
  }

  var current = { view: null, params: null };
  var cameFromSearch = false;

  function route() {
    closeSuggestions();
    var r = parseRoute();
    var prev = current.view;
    if (r.view === 'doc') {
      if (prev === 'search') lastSearch.scrollY = window.scrollY;
      cameFromSearch = prev === 'search';
      current = { view: 'doc', params: null };
      showDocument(r.id);
    } else {
      current = { view: 'search', params: r.params };
      runSearch(r.params, prev === 'doc');
    }
  }

  window.addEventListener('hashchange', route);

  // The skip link moves the focus to the main content; it is no route (its `#main` would read
  // as an empty search and drop the query or the document shown).
  var skip = document.querySelector('a.skip');
  if (skip) {
    skip.addEventListener('click', function (e) {
      e.preventDefault();
      var main = document.getElementById('main');
      if (main) main.focus();
    });
  }

  // ---------------------------------------------------------------- search

  var searchSeq = 0;
  var searchAbort = null;
  // The last answer, so that coming back from a document re-renders at once at the same scroll.
  var lastSearch = { hash: null, data: null, scrollY: 0 };

  function showView(which) {
    els.searchView.hidden = which !== 'search';
    els.docView.hidden = which !== 'doc';
  }

  function requestQuery(params) {
    var p = new URLSearchParams();
    p.set('q', params.q);
    FILTERS.concat(['from', 'to', 'sort']).forEach(function (k) { if (params[k]) p.set(k, params[k]); });
    p.set('limit', String(PAGE_SIZE));
    p.set('offset', String((params.page - 1) * PAGE_SIZE));
    return 'api/search?' + p.toString();
  }

  function runSearch(params, returning) {
    showView('search');
    if (document.activeElement !== els.q || els.q.value.trim() !== params.q) els.q.value = params.q;
    setFilterValues(params);
    document.title = params.q ? params.q + ' - 公文检索' : '公文检索';

    var hash = searchHash(params);
    if (returning && lastSearch.hash === hash && lastSearch.data) {
      renderSearch(params, lastSearch.data);
      window.scrollTo(0, lastSearch.scrollY);
      return;
    }

    var seq = ++searchSeq;
    if (searchAbort) searchAbort.abort();
    searchAbort = typeof AbortController === 'function' ? new AbortController() : null;
    els.results.setAttribute('aria-busy', 'true');
    els.summary.textContent = '正在检索…';
    clear(els.searchMessage);

    api(requestQuery(params), searchAbort && searchAbort.signal).then(
      function (data) {
        if (seq !== searchSeq) return;
        lastSearch = { hash: hash, data: data, scrollY: 0 };
        renderSearch(params, data);
      },
      function (err) {
        if (seq !== searchSeq || (err && err.name === 'AbortError')) return;
        els.results.setAttribute('aria-busy', 'false');
        clear(els.hits);
        els.pager.hidden = true;
        els.understood.hidden = true;
        els.summary.textContent = '';
        // Retrying helps only when the network or the server failed, not a refused query.
        var retry = null;
        if (!err.status || err.status >= 500) {
          retry = el('button', { type: 'button', className: 'secondary', text: '重试' });
          retry.addEventListener('click', function () { runSearch(params, false); });
        } else if (params.page > 1) {
          // A page past the result window (`page=101`): a way back to the first page.
          var first = {};
          Object.keys(params).forEach(function (k) { first[k] = params[k]; });
          first.page = 1;
          retry = el('a', { href: searchHash(first), text: '回到第 1 页' });
        }
        clear(els.searchMessage);
        els.searchMessage.appendChild(messageBox('error', '检索出错', err.message, retry));
      }
    );
  }

  function renderSearch(params, data) {
    els.results.setAttribute('aria-busy', 'false');
    fillFacets(params, data.facets || {});
    renderUnderstood(data.understood);

    var total = data.total || 0;
    var hits = data.hits || [];
    var from = (params.page - 1) * PAGE_SIZE;
    clear(els.searchMessage);
    clear(els.hits);

    var took = typeof data.took_ms === 'number' ? data.took_ms.toFixed(1) : '?';
    if (total === 0) {
      els.summary.textContent = '共 0 条结果，用时 ' + took + ' 毫秒';
      var action = null;
      if (hasFilters(params)) {
        action = el('button', { type: 'button', className: 'secondary', text: '清除筛选条件' });
        action.addEventListener('click', clearFilters);
      }
      els.searchMessage.appendChild(messageBox(
        'empty',
        params.q ? '没有找到与“' + params.q + '”相关的公文' : '没有符合条件的公文',
        '请检查是否有错别字，减少关键词，或换用发文字号（如 国发〔2018〕1号）检索。',
        action
      ));
      els.pager.hidden = true;
      return;
    }

    var shownTo = from + hits.length;
    els.summary.textContent = '共 ' + total + ' 条结果，用时 ' + took + ' 毫秒' +
      (hits.length ? '，显示第 ' + (from + 1) + '–' + shownTo + ' 条' : '');
    if (hits.length === 0) {
      els.searchMessage.appendChild(messageBox('empty', '这一页没有结果', '结果不足这么多页，请回到第一页。'));
    }
    hits.forEach(function (h) { els.hits.appendChild(renderHit(h)); });
    renderPager(params, total);
  }

  function renderHit(h) {
    var href = '#/doc/' + encodeURIComponent(h.id);
    var titleLink = el('a', { href: href });
    if (h.title_highlight && typeof h.title_highlight.html === 'string') {
      titleLink.innerHTML = h.title_highlight.html; // escaped by the server, <em> marks matches
    } else {
      titleLink.textContent = h.title || '（无标题）';
    }

    var meta = el('p', { className: 'hit-meta' });
    var number = h.doc_number || (h.doc_numbers && h.doc_numbers[0]);
    if (number) meta.appendChild(el('span', { className: 'docnum', text: number }));
    if (h.issuers && h.issuers.length) meta.appendChild(el('span', { className: 'issuer', text: h.issuers.join('、') }));
    var date = h.written || h.published;
    if (date) {
      meta.appendChild(el('span', { className: 'date' }, [
        (h.written ? '成文 ' : '发布 '),
        el('time', { datetime: date, text: date })
      ]));
    } else if (h.year) {
      meta.appendChild(el('span', { className: 'date', text: h.year + ' 年' }));
    }
    if (h.gazette) meta.appendChild(el('span', { className: 'gazette', text: gazetteLabel(h.gazette) }));
    if (h.replaced_by && h.replaced_by.length) {
      meta.appendChild(el('span', { className: 'replaced' }, [
        '已被替代：', el('a', { href: '#/doc/' + encodeURIComponent(h.replaced_by[0]), text: '查看替代文件' })
      ]));
    }

    var snippet = el('p', { className: 'snippet' });
    if (h.snippet && typeof h.snippet.html === 'string') snippet.innerHTML = h.snippet.html;

    return el('li', { className: 'hit' }, [
      el('h2', { className: 'hit-title' }, [titleLink]),
      el('p', { className: 'badges' }, [
        badge('kind kind-' + h.kind, kindLabel(h.kind)),
        badge('status status-' + h.status, statusLabel(h.status))
      ]),
      meta.childNodes.length ? meta : null,
      snippet.childNodes.length ? snippet : null
    ]);
  }

  function gazetteLabel(g) {
    return (g.name || '国务院公报') + ' ' + g.year + ' 年第 ' + g.issue + ' 期' + (g.section ? ' · ' + g.section : '');
  }

  function renderUnderstood(u) {
    clear(els.understood);
    var parts = [];
    if (u) {
      if (u.doc_numbers && u.doc_numbers.length) parts.push(['文号', u.doc_numbers]);
      if (u.partial_numbers && u.partial_numbers.length) parts.push(['文号前缀', u.partial_numbers]);
      if (u.phrases && u.phrases.length) parts.push(['短语', u.phrases]);
      if (u.excluded && u.excluded.length) parts.push(['排除', u.excluded]);
      if (u.synonyms && u.synonyms.length) parts.push(['同义词', u.synonyms]);
      if (u.issuers && u.issuers.length) parts.push(['发文机关', u.issuers.slice(0, 10)]);
    }
    var relaxed = !!(u && u.relaxed);
    if (!parts.length && !relaxed) { els.understood.hidden = true; return; }
    if (relaxed) {
      els.understood.appendChild(el('span', { className: 'relaxed', text: '没有文件与检索式完全相符，以下结果放宽了条件（引号内的文字按词检索，或至少包含一半检索词）。' }));
    }
    if (parts.length) els.understood.appendChild(document.createTextNode('已识别：'));
    parts.forEach(function (p) {
      p[1].forEach(function (v) {
        els.understood.appendChild(el('span', { className: 'chip' }, [p[0] + ' ', el('strong', { text: v })]));
      });
    });
    els.understood.hidden = false;
  }

  function renderPager(params, total) {
    var pages = Math.max(1, Math.min(Math.ceil(total / PAGE_SIZE), Math.floor(MAX_WINDOW / PAGE_SIZE)));
    if (pages <= 1 && params.page <= 1) { els.pager.hidden = true; return; }
    els.pager.hidden = false;
    setPageLink(els.prev, params, params.page > 1 ? params.page - 1 : null);
    setPageLink(els.next, params, params.page < pages ? params.page + 1 : null);
    els.pageInfo.textContent = '第 ' + params.page + ' / ' + pages + ' 页';
  }

  function setPageLink(a, params, page) {
    if (page) {
      a.setAttribute('href', searchHash(Object.assign({}, params, { page: page })));
      a.removeAttribute('aria-disabled');
    } else {
      a.removeAttribute('href');
      a.setAttribute('aria-disabled', 'true');
    }
  }

  els.pager.addEventListener('click', function (e) {
    var a = e.target.closest('a[href]');
    if (a) window.scrollTo(0, 0);
  });

  // ---------------------------------------------------------------- filters

  var FACET_LABEL = { kind: kindLabel, status: statusLabel, issuer: String, year: String };

  function fillFacets(params, facets) {
    FILTERS.forEach(function (name) {
      var select = els.filters.elements[name];
      var selected = params[name] || '';
      var values = facets[name] || [];
      clear(select);
      select.appendChild(el('option', { value: '', text: '全部' }));
      var seen = false;
      values.forEach(function (f) {
        var v = String(f.value);
        if (v === selected) seen = true;
        select.appendChild(el('option', {
          value: v,
          selected: v === selected,
          text: FACET_LABEL[name](v) + '（' + f.count + '）'
        }));
      });
      if (selected && !seen) {
        select.appendChild(el('option', { value: selected, selected: true, text: FACET_LABEL[name](selected) }));
      }
      select.value = selected;
      select.disabled = values.length === 0 && !selected;
    });
  }

  function setFilterValues(params) {
    showFilterCount(params);
    FILTERS.concat(['sort']).forEach(function (name) {
      var select = els.filters.elements[name];
      var v = params[name] || '';
      if (v && !Array.prototype.some.call(select.options, function (o) { return o.value === v; })) {
        select.appendChild(el('option', { value: v, text: (FACET_LABEL[name] || String)(v) }));
      }
      select.value = v;
    });
  }

  // The filters are a disclosure that is always open on wide screens and starts closed on
  // phones, so results come first there; its summary counts the filters in use.
  var wide = window.matchMedia ? window.matchMedia('(min-width: 760px)') : null;
  function syncFilterBox() {
    if (!wide || wide.matches) els.filterBox.open = true;
  }
  syncFilterBox();
  if (wide && wide.addEventListener) wide.addEventListener('change', syncFilterBox);

  function showFilterCount(params) {
    var dated = params.from || params.to;
    var n = FILTERS.filter(function (f) { return params[f]; }).length + (params.sort ? 1 : 0) + (dated ? 1 : 0);
    // Dates come only from a link (no field shows them): say them, or the list narrows unseen.
    var dates = dated ? '，日期 ' + (params.from || '不限') + ' 至 ' + (params.to || '不限') : '';
    els.filterCount.textContent = n ? '（已选 ' + n + ' 项' + dates + '）' : '';
  }

  function hasFilters(params) {
    return FILTERS.some(function (f) { return params[f]; }) || params.from || params.to;
  }

  function clearFilters() {
    var p = current.params || { q: '' };
    go(searchHash({ q: p.q, sort: p.sort, page: 1 }));
  }

  // A list stepped through with the arrow keys changes at each step: the search waits for the
  // steps to stop, and the steps of one choice make one history entry, not one each.
  var filterTimer = null;
  var lastFilterAt = 0;
  els.filters.addEventListener('change', function (e) {
    var name = e.target.name;
    if (!name) return;
    var p = Object.assign({}, current.params || { q: els.q.value.trim() });
    p[name] = e.target.value;
    p.page = 1;
    clearTimeout(filterTimer);
    var stepping = e.target.tagName === 'SELECT';
    filterTimer = setTimeout(function () {
      var hash = searchHash(p);
      var now = Date.now();
      if (now - lastFilterAt < 1500 && current.view === 'search' && location.hash !== hash) {
        history.replaceState(null, '', hash);
        route();
      } else {
        go(hash);
      }
      lastFilterAt = now;
    }, stepping ? 350 : 0);
  });
  els.filters.addEventListener('submit', function (e) { e.preventDefault(); });
  els.clear.addEventListener('click', clearFilters);

  els.form.addEventListener('submit', function (e) {
    e.preventDefault();
    closeSuggestions();
    var p = Object.assign({}, current.view === 'search' && current.params ? current.params : {});
    p.q = els.q.value.trim();
    p.page = 1;
    go(searchHash(p));
  });

  // ---------------------------------------------------------------- suggestions

  var sugTimer = null;
  var sugAbort = null;
  var sugItems = [];
  var sugActive = -1;

  function closeSuggestions() {
    clearTimeout(sugTimer);
    if (sugAbort) { sugAbort.abort(); sugAbort = null; }
    sugItems = [];
    sugActive = -1;
    els.suggestions.hidden = true;
    clear(els.suggestions);
    els.q.setAttribute('aria-expanded', 'false');
    els.q.removeAttribute('aria-activedescendant');
  }

  function fetchSuggestions(text) {
    if (sugAbort) sugAbort.abort();
    sugAbort = typeof AbortController === 'function' ? new AbortController() : null;
    api('api/suggest?q=' + encodeURIComponent(text) + '&limit=8', sugAbort && sugAbort.signal).then(
      function (data) {
        if (els.q.value.trim() !== text || document.activeElement !== els.q) return;
        renderSuggestions(text, (data && data.suggestions) || []);
      },
      function () { /* suggestions are a convenience: a failure just shows none */ }
    );
  }

  /** Text with the typed part marked, built from text nodes only. */
  function marked(text, typed) {
    var span = el('span', { className: 'sug-text' });
    var i = typed ? text.indexOf(typed) : -1;
    if (i < 0) { span.textContent = text; return span; }
    span.appendChild(document.createTextNode(text.slice(0, i)));
    span.appendChild(el('mark', { text: text.slice(i, i + typed.length) }));
    span.appendChild(document.createTextNode(text.slice(i + typed.length)));
    return span;
  }

  function renderSuggestions(typed, list) {
    clear(els.suggestions);
    sugItems = list;
    sugActive = -1;
    els.q.removeAttribute('aria-activedescendant');
    if (!list.length) {
      els.suggestions.hidden = true;
      els.q.setAttribute('aria-expanded', 'false');
      return;
    }
    list.forEach(function (s, i) {
      var li = el('li', { id: 'sug-' + i, role: 'option', 'aria-selected': 'false', className: 'suggestion' }, [
        el('span', { className: 'sug-kind', text: s.kind === 'doc_number' ? '文号' : '标题' }),
        marked(s.text, typed)
      ]);
      // mousedown would blur the input before the click lands.
      li.addEventListener('mousedown', function (e) { e.preventDefault(); });
      li.addEventListener('click', function () { chooseSuggestion(i); });
      els.suggestions.appendChild(li);
    });
    els.suggestions.hidden = false;
    els.q.setAttribute('aria-expanded', 'true');
  }

  function highlightSuggestion(i) {
    var items = els.suggestions.children;
    for (var k = 0; k < items.length; k++) items[k].setAttribute('aria-selected', k === i ? 'true' : 'false');
    sugActive = i;
    if (i >= 0 && items[i]) {
      els.q.setAttribute('aria-activedescendant', items[i].id);
      items[i].scrollIntoView({ block: 'nearest' });
    } else {
      els.q.removeAttribute('aria-activedescendant');
    }
  }

  function chooseSuggestion(i) {
    var s = sugItems[i];
    if (!s) return;
    closeSuggestions();
    if (s.id) {
      go('#/doc/' + encodeURIComponent(s.id));
    } else {
      els.q.value = s.text;
      go(searchHash({ q: s.text, page: 1 }));
    }
  }

  // While an input method composes (pinyin letters before the characters), nothing is asked;
  // the composition's end is an input event of its own.
  els.q.addEventListener('input', function (e) {
    clearTimeout(sugTimer);
    if (e.isComposing) return;
    var text = els.q.value.trim();
    if (!text) { closeSuggestions(); return; }
    sugTimer = setTimeout(function () { fetchSuggestions(text); }, SUGGEST_DELAY_MS);
  });

  els.q.addEventListener('compositionend', function () {
    els.q.dispatchEvent(new Event('input'));
  });

  els.q.addEventListener('keydown', function (e) {
    if (e.isComposing || e.keyCode === 229) return; // the Enter that ends a composition
    var open = !els.suggestions.hidden && sugItems.length > 0;
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault();
      highlightSuggestion((sugActive + 1) % sugItems.length);
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      highlightSuggestion(sugActive <= 0 ? sugItems.length - 1 : sugActive - 1);
    } else if (e.key === 'Enter' && open && sugActive >= 0) {
      e.preventDefault();
      chooseSuggestion(sugActive);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      closeSuggestions();
    }
  });

  els.q.addEventListener('blur', closeSuggestions);

  // ---------------------------------------------------------------- one document

  var docSeq = 0;

  function showDocument(id) {
    showView('doc');
    var seq = ++docSeq;
    clear(els.docMessage);
    clear(els.docContent);
    els.docView.setAttribute('aria-busy', 'true');
    els.docMessage.appendChild(el('p', { className: 'loading', text: '正在加载…' }));
    els.back.setAttribute('href', lastSearch.hash || '#/search');
    window.scrollTo(0, 0);

    api('api/documents/' + encodeURIComponent(id)).then(
      function (doc) {
        if (seq !== docSeq) return;
        els.docView.setAttribute('aria-busy', 'false');
        clear(els.docMessage);
        renderDocument(doc);
        loadCitations(doc, seq);
      },
      function (err) {
        if (seq !== docSeq) return;
        els.docView.setAttribute('aria-busy', 'false');
        clear(els.docMessage);
        document.title = '未找到公文 - 公文检索';
        var title = err.status === 404 ? '找不到这篇公文' : '公文加载失败';
        els.docMessage.appendChild(messageBox('error', title, err.message,
          el('a', { href: '#/search', text: '返回检索首页' })));
      }
    );
  }

  els.back.addEventListener('click', function (e) {
    if (cameFromSearch && history.length > 1) {
      e.preventDefault();
      history.back();
    }
  });

  /** A link to the document (by id) that replaced another, named by its title once known. */
  function replacerLink(id) {
    var link = el('a', { href: '#/doc/' + encodeURIComponent(id), text: '替代文件' });
    api('api/documents/' + encodeURIComponent(id)).then(
      function (d) {
        if (d && d.title) link.textContent = '《' + d.title + '》' + (d.doc_number ? '（' + d.doc_number + '）' : '');
      },
      function () { /* the link still leads there */ }
    );
    return link;
  }

  function searchLink(text) {
    return el('a', { href: searchHash({ q: text, page: 1 }), text: text });
  }

  function metaRow(label, value) {
    var td = el('td');
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) {
      td.appendChild(el('span', { className: 'none', text: '—' }));
      td.firstChild.setAttribute('aria-label', '未标注');
    } else if (value instanceof Node) {
      td.appendChild(value);
    } else {
      td.textContent = Array.isArray(value) ? value.join('；') : String(value);
    }
    return el('tr', null, [el('th', { scope: 'row', text: label }), td]);
  }

  function renderDocument(doc) {
    document.title = (doc.title || '公文') + ' - 公文检索';
    var numbers = (doc.doc_numbers && doc.doc_numbers.length) ? doc.doc_numbers : (doc.doc_numbers_printed || []);

    var h1 = el('h1', { id: 'doc-title', tabindex: '-1', text: doc.title || '（无标题）' });
    var header = el('header', { className: 'doc-head' }, [
      h1,
      el('p', { className: 'badges' }, [
        badge('kind kind-' + doc.kind, kindLabel(doc.kind)),
        badge('status status-' + doc.status, statusLabel(doc.status))
      ])
    ]);

    var rows = [
      metaRow('文号', numbers),
      metaRow('发文机关', doc.issuers),
      metaRow('成文日期', doc.written),
      metaRow('发布日期', doc.published),
      metaRow('文种', kindLabel(doc.kind)),
      metaRow('状态', statusLabel(doc.status)),
      metaRow('主题分类', doc.topic),
      metaRow('索引号', doc.index_no)
    ];
    if (doc.gazette) rows.push(metaRow('刊载', gazetteLabel(doc.gazette)));
    if (doc.interprets) rows.push(metaRow('解读对象', searchLink(doc.interprets)));
    if (doc.replaced_by && doc.replaced_by.length) {
      var rb = el('span');
      doc.replaced_by.forEach(function (r, i) {
        if (i) rb.appendChild(document.createTextNode('；'));
        rb.appendChild(replacerLink(r));
      });
      rows.push(metaRow('被替代为', rb));
    }
    var table = el('table', { className: 'meta', 'aria-label': '公文信息' }, [el('tbody', null, rows)]);

    var body = el('section', { className: 'doc-body', 'aria-label': '正文' });
    var paragraphs = String(doc.body || '').split(/\r?\n/).map(function (s) { return s.trim(); })
      .filter(function (s) { return s.length > 0; });
    if (!paragraphs.length) body.appendChild(el('p', { className: 'none', text: '（本文无正文）' }));
    paragraphs.forEach(function (p) { body.appendChild(el('p', { text: p })); });

    var citations = el('section', { id: 'citations', className: 'citations', hidden: true, 'aria-labelledby': 'citations-heading' });

    els.docContent.appendChild(header);
    els.docContent.appendChild(table);
    els.docContent.appendChild(body);
    els.docContent.appendChild(citations);
    els.docContent.appendChild(renderSource(doc));
    h1.focus({ preventScroll: true });
  }

  function renderSource(doc) {
    var src = doc.source || {};
    var dl = el('dl', { className: 'source' });
    function item(label, value) {
      dl.appendChild(el('dt', { text: label }));
      dl.appendChild(value instanceof Node ? el('dd', null, [value]) : el('dd', { text: value }));
    }
    var url = safeUrl(src.url);
    if (url) item('原文链接', el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank', text: url }));
    if (src.path) item('来源文件', src.path + (src.line ? '（第 ' + src.line + ' 行）' : ''));
    if (src.origin) {
      var o = src.origin;
      var text = (o && typeof o === 'object' && (o.repo || o.path))
        ? [o.repo, o.path, o.commit ? '@' + String(o.commit).slice(0, 12) : null, o.record_id ? '#' + o.record_id : null]
          .filter(Boolean).join(' ')
        : JSON.stringify(o);
      item('上游数据', text);
    }
    var hash = el('code', { className: 'hash', text: doc.content_hash || '' });
    var hashBox = el('span', { className: 'hash-box' }, [hash]);
    if (doc.content_hash && navigator.clipboard && window.isSecureContext) {
      var copy = el('button', { type: 'button', className: 'link-button', text: '复制' });
      copy.addEventListener('click', function () {
        navigator.clipboard.writeText(doc.content_hash).then(
          function () { copy.textContent = '已复制'; },
          function () { copy.textContent = '复制失败'; }
        );
      });
      hashBox.appendChild(copy);
    }
    item('SHA-256', hashBox);
    return el('section', { className: 'doc-source', 'aria-labelledby': 'source-heading' }, [
      el('h2', { id: 'source-heading', text: '来源与校验' }),
      dl,
      el('p', { className: 'hint', text: 'SHA-256 为入库时原文的摘要，可用于核对文本是否被改动。' })
    ]);
  }

  // ---------------------------------------------------------------- citations

  function loadCitations(doc, seq) {
    api('api/documents/' + encodeURIComponent(doc.id) + '/citations').then(
      function (data) {
        if (seq !== docSeq) return;
        renderCitations({
          cites: data.cites || [],
          citedBy: data.cited_by || [],
          interprets: data.interprets || null,
          interpretations: data.interpretations || []
        });
      },
      function () {
        // Servers without the endpoint answer 404: fall back to the numbers the record itself
        // cites, each a search for that number.
        if (seq !== docSeq || !doc.cites || !doc.cites.length) return;
        renderCitations({ cites: doc.cites.map(function (n) { return { number: n }; }) });
      }
    );
  }

  /** One reference: `{ title?, number?, resolution?, note?, target?: {id, title, doc_number} }`
   *  or a document link `{ id, title, doc_number }`. */
  function citationItem(c) {
    var target = c.target || {};
    var id = c.id || target.id;
    var title = c.title || target.title;
    var number = c.number || c.doc_number || target.doc_number;
    var label = title ? '《' + title + '》' + (number ? '（' + number + '）' : '') : (number || id || '（未知）');
    var link = null;
    if (id) link = el('a', { href: '#/doc/' + encodeURIComponent(id), text: label });
    else if (number || title) link = el('a', { href: searchHash({ q: number || title, page: 1 }), text: label });
    var li = el('li', null, [link || el('span', { text: label })]);
    if (c.resolution) {
      li.appendChild(badge('resolution resolution-' + c.resolution, RESOLUTION[c.resolution] || c.resolution));
    }
    // The label says enough for an unknown reference; a mismatch needs the server's detail.
    if (c.note && c.resolution === 'mismatch') li.appendChild(el('span', { className: 'cite-note', text: c.note }));
    return li;
  }

  function citationList(heading, list, none) {
    return [
      el('h3', { text: heading + '（' + list.length + '）' }),
      list.length ? el('ul', { className: 'cite-list' }, list.map(citationItem)) : el('p', { className: 'none', text: none })
    ];
  }

  function renderCitations(c) {
    var box = document.getElementById('citations');
    if (!box) return;
    clear(box);
    var cites = c.cites || [];
    var citedBy = c.citedBy;
    var interpretations = c.interpretations || [];
    if (!cites.length && !(citedBy && citedBy.length) && !c.interprets && !interpretations.length) return;
    var parts = [el('h2', { id: 'citations-heading', text: '引用关系' })];
    parts = parts.concat(citationList('本文引用', cites, '本文未引用其他公文。'));
    if (citedBy) parts = parts.concat(citationList('被以下公文引用', citedBy, '尚无收录的公文引用本文。'));
    if (c.interprets) parts = parts.concat([el('h3', { text: '解读的政策' }), el('ul', { className: 'cite-list' }, [citationItem(c.interprets)])]);
    if (interpretations.length) parts = parts.concat(citationList('政策解读', interpretations, ''));
    parts.forEach(function (p) { box.appendChild(p); });
    box.hidden = false;
  }

  // ---------------------------------------------------------------- start

  route();
}());
