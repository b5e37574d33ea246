/* gigasim study report: compares the variants of a study (docs/studies.md#the-comparison-report)
 * from the study's data (the JSON in #gigasim-data): a sortable, filterable ranking, Pareto
 * charts of useful compute against cost, carbon and water, and bars per variant with their
 * intervals. Plain ES2017; report/page.js (inlined before it) brings errors, formats, charts
 * and tables. */
(function () {
  'use strict';
  var page = window.gigasimPage;
  var fmt = page.fmt, compact = page.compact, esc = page.esc;

  // ---- Data --------------------------------------------------------------------------
  // data.figures[metric] = {mean: [...], low: [...], high: [...]} by variant (null: n/a).
  function figure(data, metric) { return data.figures[metric]; }
  function hasAny(values) {
    return Array.isArray(values) && values.some(function (v) { return typeof v === 'number'; });
  }
  // Enough significant digits to tell close variants apart (PUE 1.093 and 1.095).
  function number(v) {
    if (v == null || typeof v !== 'number' || !isFinite(v)) return '\u2014';
    var a = Math.abs(v);
    if (a >= 1e6) return compact(v);
    if (a >= 100) return fmt(v, 0);
    if (a >= 10) return fmt(v, 1);
    if (a >= 1) return fmt(v, 3);
    return v === 0 ? '0' : v.toPrecision(3);
  }
  // Axis ticks: as many digits as tell neighbouring ticks apart (122,371 and 122,449, not 122K twice).
  var bigFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 4 });
  function tick(v) { return Math.abs(v) >= 1e6 ? bigFormat.format(v) : number(v); }
  function withUnit(c) { return c.unit ? c.label + ' (' + c.unit + ')' : c.label; }

  // ---- Ranking -----------------------------------------------------------------------
  function buildRanking(data, section) {
    var criteria = data.criteria.filter(function (c) { return figure(data, c.metric) && hasAny(figure(data, c.metric).mean); });
    if (criteria.length === 0 || data.variants.length === 0) return null;
    // Rank by the first column present (useful compute per euro when there is work).
    var first = figure(data, criteria[0].metric).mean;
    var order = data.variants.map(function (name, i) { return i; });
    var sign = criteria[0].better === 'high' ? -1 : 1;
    order.sort(function (a, b) {
      var x = first[a], y = first[b];
      if (x == null || y == null) return (x == null) - (y == null);
      return sign * (x - y) || a - b;
    });
    var rank = {};
    order.forEach(function (v, i) { rank[v] = i + 1; });
    var rows = order.map(function (v) {
      return [rank[v], data.variants[v]].concat(criteria.map(function (c) { return figure(data, c.metric).mean[v]; }), [v]);
    });
    function interval(metric, v) {
      var f = figure(data, metric);
      if (f.low[v] == null || f.high[v] == null) return '';
      return ' \u00b1 ' + number((f.high[v] - f.low[v]) / 2);
    }
    var columns = [{ label: '#', numeric: true, format: function (x) { return String(x); } },
                   { label: 'Variant' }].concat(criteria.map(function (c) {
      return {
        label: withUnit(c), numeric: true, metric: c.metric,
        title: (c.better === 'high' ? 'higher' : 'lower') + ' is better; ' + c.metric,
        format: function (x, row) { return number(x) + interval(c.metric, row[row.length - 1]); }
      };
    }));
    var table = page.buildTable(columns, rows);
    table.className = 'sortable';
    page.sortOnClick(table, columns, rows);
    var holder = section.querySelector('[data-table="ranking"]');
    holder.appendChild(table);
    // The best value of each criterion, and the filter, survive every re-sort.
    var best = criteria.map(function (c) {
      var values = figure(data, c.metric).mean.filter(function (x) { return typeof x === 'number'; });
      return c.better === 'high' ? Math.max.apply(null, values) : Math.min.apply(null, values);
    });
    var input = section.querySelector('[data-filter="ranking"]');
    var count = section.querySelector('[data-count="ranking"]');
    function decorate() {
      var needle = input.value.trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (tr, r) {
        var row = rows[r];
        tr.hidden = needle !== '' && String(row[1]).toLowerCase().indexOf(needle) < 0;
        if (!tr.hidden) shown += 1;
        criteria.forEach(function (c, k) {
          tr.cells[k + 2].classList.toggle('best', row[k + 2] === best[k]);
        });
      });
      count.textContent = shown + ' of ' + rows.length + ' variants';
    }
    table.tHead.addEventListener('click', decorate);
    table.tHead.addEventListener('keydown', decorate);
    input.addEventListener('input', decorate);
    decorate();
    return true;
  }

  // ---- Pareto charts -----------------------------------------------------------------
  // The front: sorted by cost, the variants that give more compute than every cheaper one.
  function front(points) {
    var sorted = points.slice().sort(function (a, b) { return a.value[0] - b.value[0] || b.value[1] - a.value[1]; });
    var out = [], top = -Infinity;
    sorted.forEach(function (p) {
      if (p.value[1] > top) { out.push(p); top = p.value[1]; }
    });
    return out;
  }
  function paretoChart(data, spec, key) {
    var xs = figure(data, spec.x.metric), ys = figure(data, spec.y.metric);
    if (!xs || !ys) return null;
    var points = [];
    data.variants.forEach(function (name, v) {
      var x = xs.mean[v], y = ys.mean[v];
      if (typeof x === 'number' && typeof y === 'number') points.push({ name: name, value: [x, y] });
    });
    if (points.length === 0) return null;
    var best = front(points);
    return page.makeChart(key, {
      title: { text: spec.y.label + ' against ' + spec.x.label, left: 'center', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'item', formatter: function (p) {
        return esc(p.data.name) + '<br>' + esc(withUnit(spec.x)) + ': ' + number(p.data.value[0]) +
          '<br>' + esc(withUnit(spec.y)) + ': ' + number(p.data.value[1]);
      } },
      grid: { left: 90, right: 24, top: 40, bottom: 50 },
      xAxis: { type: 'value', name: withUnit(spec.x), nameLocation: 'middle', nameGap: 30, scale: true,
               axisLabel: { formatter: tick, hideOverlap: true } },
      yAxis: { type: 'value', name: withUnit(spec.y), nameLocation: 'middle', nameGap: 72, scale: true,
               axisLabel: { formatter: tick, hideOverlap: true } },
      series: [
        { type: 'scatter', name: 'variants', data: points, symbolSize: 7, itemStyle: { opacity: 0.7 } },
        { type: 'line', name: 'Pareto front', data: best, step: 'end', symbol: 'circle', symbolSize: 11,
          itemStyle: { color: 'transparent', borderColor: '#e07b39', borderWidth: 2 },
          lineStyle: { color: '#e07b39', width: 1.5 }, z: 3,
          label: { show: best.length <= 8, position: 'right', fontSize: 10, formatter: function (p) { return p.data.name; } } }
      ]
    });
  }
  function buildPareto(data) {
    var drawn = data.pareto.map(function (spec, i) {
      return paretoChart(data, spec, ['pareto_cost', 'pareto_carbon', 'pareto_water'][i]);
    });
    if (drawn.every(function (d) { return d == null; })) return null;
    // A chart without data (no water taken at all, say) says so instead of staying blank.
    ['pareto_cost', 'pareto_carbon', 'pareto_water'].forEach(function (key, i) {
      if (drawn[i] == null) {
        document.querySelector('[data-chart="' + key + '"]').textContent =
          'No variant has figures for ' + (data.pareto[i] ? data.pareto[i].x.label : 'this chart') + '.';
      }
    });
    return Promise.all(drawn.filter(Boolean));
  }

  // ---- Bars per variant --------------------------------------------------------------
  function barsOption(data, metric, label) {
    var f = figure(data, metric);
    var names = data.variants.slice().reverse();   // the first variant at the top
    var at = function (arr) { return arr.slice().reverse(); };
    var whiskers = [];
    at(f.low).forEach(function (lo, i) {
      var hi = at(f.high)[i];
      if (typeof lo === 'number' && typeof hi === 'number') whiskers.push([lo, hi, i]);
    });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: function (ps) {
        var i = ps[0].dataIndex, v = data.variants.length - 1 - i;
        var text = esc(data.variants[v]) + '<br>' + esc(label) + ': ' + number(f.mean[v]);
        if (f.low[v] != null) text += ' [' + number(f.low[v]) + ', ' + number(f.high[v]) + ']';
        return text;
      } },
      grid: { left: 12, right: 40, top: 10, bottom: 40, containLabel: true },
      xAxis: { type: 'value', name: label, nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: tick, hideOverlap: true } },
      yAxis: { type: 'category', data: names, axisLabel: { width: 320, overflow: 'truncate', fontSize: 11 } },
      series: [
        { type: 'bar', data: at(f.mean), itemStyle: { color: '#2f5fb3' }, barMaxWidth: 18 },
        { type: 'custom', data: whiskers, encode: { x: [0, 1], y: 2 }, z: 3,
          renderItem: function (params, api) {
            var lo = api.coord([api.value(0), api.value(2)]);
            var hi = api.coord([api.value(1), api.value(2)]);
            var h = api.size([0, 1])[1] * 0.25;
            var style = { stroke: '#1d2330', lineWidth: 1 };
            return { type: 'group', children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: style },
              { type: 'line', shape: { x1: lo[0], y1: lo[1] - h, x2: lo[0], y2: lo[1] + h }, style: style },
              { type: 'line', shape: { x1: hi[0], y1: hi[1] - h, x2: hi[0], y2: hi[1] + h }, style: style }
            ] };
          } }
      ]
    };
  }
  function buildBars(data, section) {
    // The ranking's figures first, then every other figure a variant has.
    var choices = [];
    data.criteria.forEach(function (c) {
      if (figure(data, c.metric) && hasAny(figure(data, c.metric).mean)) choices.push({ metric: c.metric, label: withUnit(c) });
    });
    data.metrics.forEach(function (m) {
      var taken = choices.some(function (c) { return c.metric === m; });
      if (!taken && hasAny(figure(data, m).mean)) choices.push({ metric: m, label: m });
    });
    if (choices.length === 0 || data.variants.length === 0) return null;
    var select = section.querySelector('[data-select="bars"]');
    choices.forEach(function (c, i) {
      var option = document.createElement('option');
      option.value = String(i);
      option.textContent = c.label;
      select.appendChild(option);
    });
    var el = section.querySelector('[data-chart="bars"]');
    el.style.height = Math.max(300, 22 * data.variants.length + 80) + 'px';
    var first = choices[0];
    var drawn = page.makeChart('bars', barsOption(data, first.metric, first.label));
    var chart = echarts.getInstanceByDom(el);
    select.addEventListener('change', function () {
      var c = choices[Number(select.value)];
      chart.setOption(barsOption(data, c.metric, c.label), { replaceMerge: ['series'] });
    });
    return drawn;
  }

  // ---- Page --------------------------------------------------------------------------
  function describeStudy(data) {
    var name = data.study || 'unnamed study';
    document.title = 'gigasim study \u2014 ' + name;
    document.getElementById('title').textContent = 'gigasim study \u2014 ' + name;
    var parts = [fmt(data.variants.length, 0) + ' variants'];
    if (data.replicas != null) parts.push(fmt(data.replicas, 0) + (data.replicas === 1 ? ' replica' : ' replicas') + ' each');
    parts.push('useful compute: model FLOPs of training delivered, in PFLOP-days');
    document.getElementById('meta').textContent = parts.join(' \u00b7 ');
  }

  page.start([['ranking', buildRanking], ['pareto', buildPareto], ['bars', buildBars]], describeStudy);
})();
