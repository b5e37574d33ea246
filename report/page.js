/* gigasim pages (report.html of a run, report.html of a study): what both pages share —
 * the capture of every error into #gigasim-errors and body[data-errors] (read by
 * report/check.sh), number formats, charts, sortable tables and the drawing of sections.
 * Plain ES2017, inlined first into each page by the C++ side; exposes window.gigasimPage. */
(function () {
  'use strict';

  // ---- Errors: everything that goes wrong ends up in #gigasim-errors and body[data-errors],
  // which report/check.sh reads (Chromium logs console.error like console.log, so the page
  // has to count its own errors).
  var errorCount = 0;
  function reportError(message) {
    errorCount += 1;
    var pre = document.getElementById('gigasim-errors');
    if (pre) {
      pre.hidden = false;
      pre.textContent += message + '\n';
    }
    if (document.body) document.body.dataset.errors = String(errorCount);
  }
  function describe(e) {
    if (e instanceof Error) return e.stack || e.message;
    try { return typeof e === 'string' ? e : JSON.stringify(e); } catch (ignored) { return String(e); }
  }
  // Capture phase: resource load errors (img, script) do not bubble.
  window.addEventListener('error', function (e) {
    if (e.error || e.message) reportError('Error: ' + (e.error ? describe(e.error) : e.message));
    else if (e.target && e.target !== window) reportError('Failed to load: ' + (e.target.src || e.target.href || e.target.tagName));
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    reportError('Unhandled rejection: ' + describe(e.reason));
  });
  document.addEventListener('securitypolicyviolation', function (e) {
    reportError('Blocked by the offline content policy: ' + e.blockedURI + ' (' + e.violatedDirective + ')');
  });
  var consoleError = console.error;
  console.error = function () {
    reportError('console.error: ' + Array.prototype.map.call(arguments, describe).join(' '));
    return consoleError.apply(console, arguments);
  };

  // ---- Formatting (fixed locale so every report reads the same) ---------------------------
  var formatters = {};
  function fmt(v, digits) {
    if (v == null || typeof v !== 'number' || !isFinite(v)) return '\u2014';
    var d = digits == null ? 0 : digits;
    if (!formatters[d]) {
      formatters[d] = new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
    }
    return formatters[d].format(v);
  }
  var compactFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });
  function compact(v) {
    if (v == null || typeof v !== 'number' || !isFinite(v)) return '\u2014';
    return compactFormat.format(v);
  }
  function eur(v) { return v == null ? '\u2014' : (v < 0 ? '\u2212\u20ac' : '\u20ac') + compact(Math.abs(v)); }
  function esc(s) { return echarts.format.encodeHTML(String(s)); }

  var charts = [];
  var BASE_OPTION = {
    animation: false,            // a headless screenshot must show the final picture
    useUTC: true,                // simulated time is nominal; do not shift it to the viewer's zone
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif' },
    color: ['#2f5fb3', '#e07b39', '#3aa3a3', '#7b5ea7', '#c0504d', '#5c9e4a', '#d4a72c', '#8a94a6']
  };
  // Renders into section KEY's div.chart; the promise resolves once echarts has drawn it.
  function makeChart(key, option) {
    var el = document.querySelector('[data-chart="' + key + '"]');
    // Drawn again (another site picked): the old chart goes first.
    var old = echarts.getInstanceByDom(el);
    if (old) {
      charts.splice(charts.indexOf(old), 1);
      old.dispose();
    }
    // At least 2x pixels so that printed charts stay sharp.
    var chart = echarts.init(el, null, { renderer: 'canvas', devicePixelRatio: Math.max(2, window.devicePixelRatio || 1) });
    charts.push(chart);
    var finished = new Promise(function (resolve) { chart.on('finished', resolve); });
    chart.setOption(Object.assign({}, BASE_OPTION, option));
    return finished;
  }
  // ---- Tables ------------------------------------------------------------------------
  // columns: [{label, numeric, format(value, row) -> text}]; rows: arrays of cell values.
  function buildTable(columns, rows, rowClass) {
    var table = document.createElement('table');
    var tr = table.createTHead().insertRow();
    columns.forEach(function (c) {
      var th = document.createElement('th');
      th.textContent = c.label;
      if (c.title) th.title = c.title;
      if (c.numeric) th.className = 'num';
      tr.appendChild(th);
    });
    fillBody(table.appendChild(document.createElement('tbody')), columns, rows, rowClass);
    return table;
  }
  function fillBody(tbody, columns, rows, rowClass) {
    tbody.textContent = '';
    rows.forEach(function (row) {
      var tr = tbody.insertRow();
      if (rowClass) tr.className = rowClass(row);
      columns.forEach(function (c, i) {
        var td = tr.insertCell();
        td.textContent = c.format ? c.format(row[i], row) : (row[i] == null ? '\u2014' : String(row[i]));
        if (c.numeric) td.className = 'num';
        if (c.numeric && typeof row[i] === 'number') td.title = String(row[i]);
      });
    });
    applyFilter(tbody.parentNode);
  }

  // Hides the rows of a table that do not contain its filter text (any column, any case).
  function applyFilter(table) {
    var q = table && table.dataset ? (table.dataset.filter || '').toLowerCase() : '';
    if (!table || !table.tBodies || !table.tBodies[0]) return;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
      tr.style.display = !q || tr.textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
    });
  }
  // A text box above `table` that filters its rows as one types.
  function filterBox(table, placeholder) {
    var input = document.createElement('input');
    input.type = 'search';
    input.className = 'filter';
    input.placeholder = placeholder || 'Filter rows';
    input.setAttribute('aria-label', input.placeholder);
    input.addEventListener('input', function () {
      table.dataset.filter = input.value;
      applyFilter(table);
    });
    return input;
  }

  // Enough decimals that axis ticks spanning [min, max] in about five steps differ.
  function tickDigits(values) {
    var v = (values || []).filter(function (x) { return typeof x === 'number' && isFinite(x); });
    if (v.length === 0) return 2;
    var range = Math.max.apply(null, v) - Math.min.apply(null, v);
    if (!(range > 0)) return 2;
    return Math.max(0, Math.min(4, Math.ceil(-Math.log10(range / 5))));
  }

  // Clicking a header sorts by that column (again: reverses); missing values always last.
  function sortOnClick(table, columns, rows) {
    var ths = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th, i) {
      th.tabIndex = 0;
      th.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        Array.prototype.forEach.call(ths, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
        rows.sort(function (a, b) {
          var x = a[i], y = b[i];
          if (x == null || y == null) return (x == null) - (y == null);
          if (columns[i].numeric) return dir * (x - y);
          return dir * String(x).localeCompare(String(y), 'en', { numeric: true });
        });
        fillBody(table.tBodies[0], columns, rows);
      });
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); th.click(); } });
    });
  }

  // ---- Drawing the sections ---------------------------------------------------------
  // Draws the page once the document is loaded: describePage(data) fills the title, then
  // each [key, builder] of sections draws its section (a builder returning null removes it).
  function start(sections, describePage) {
    document.addEventListener('DOMContentLoaded', function () { draw(sections, describePage); });
  }
  function draw(sections, describePage) {
    var data;
    try {
      data = JSON.parse(document.getElementById('gigasim-data').textContent);
    } catch (e) {
      reportError('Cannot read the page data: ' + describe(e));
      return;
    }
    describePage(data);
    var drawn = sections.map(function (entry) {
      var key = entry[0];
      var section = document.querySelector('section[data-section="' + key + '"]');
      var result;
      try {
        result = entry[1](data, section);
      } catch (e) {
        reportError('Section ' + key + ': ' + describe(e));
        return null;
      }
      if (result == null) {
        section.remove();
        return null;
      }
      return Promise.resolve(result).then(function () { return key; });
    }).filter(Boolean);
    Promise.all(drawn).then(function (keys) {
      document.body.dataset.rendered = keys.join(',');
      document.body.dataset.errors = String(errorCount);
    });
  }

  function resizeAll() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener('resize', resizeAll);
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);

  window.gigasimPage = {
    reportError: reportError, describe: describe, fmt: fmt, compact: compact, eur: eur, esc: esc,
    BASE_OPTION: BASE_OPTION, makeChart: makeChart, buildTable: buildTable, fillBody: fillBody,
    sortOnClick: sortOnClick, filterBox: filterBox, tickDigits: tickDigits, start: start
  };
})();
