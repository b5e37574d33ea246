/* gigasim run report: builds the sections of the self-contained HTML report from the run's
 * data (the JSON in #gigasim-data) with echarts. Plain ES2017, no modules: the C++ side
 * inlines this file verbatim into report/template.html. */
(function () {
  'use strict';
  // Shared with the study report (report/page.js, inlined before this file).
  var page = window.gigasimPage;
  var fmt = page.fmt, compact = page.compact, eur = page.eur, esc = page.esc;
  var makeChart = page.makeChart, buildTable = page.buildTable, sortOnClick = page.sortOnClick;
  var filterBox = page.filterBox, tickDigits = page.tickDigits;

  // ---- Data helpers --------------------------------------------------------------------
  function isEmpty(v) {
    if (v == null) return true;
    if (Array.isArray(v)) return v.length === 0;
    if (typeof v === 'object') return Object.keys(v).length === 0;
    return false;
  }
  function hasValues(arr) {
    return Array.isArray(arr) && arr.some(function (x) { return x != null; });
  }
  var HOUR_MS = 3600 * 1000;
  function startMs(data) {
    var ms = Date.parse((data.start || '1970-01-01') + 'T00:00:00Z');
    return isFinite(ms) ? ms : 0;
  }
  function toTime(data, h) { return startMs(data) + h * HOUR_MS; }
  function pairs(times, values) {
    return values.map(function (v, i) { return [times[i], v]; });
  }

  // ---- Charts ------------------------------------------------------------------------
  var SOURCE_COLORS = {
    nuclear: '#7b5ea7', grid: '#8a94a6', solar: '#d4a72c', wind: '#3aa3a3', hydro: '#2f5fb3',
    gas: '#c0504d', battery: '#5c9e4a', storage: '#5c9e4a', ppa: '#3aa3a3', diesel: '#6b4e3d'
  };
  function sourceColor(name) {
    var key = Object.keys(SOURCE_COLORS).filter(function (k) { return name.toLowerCase().indexOf(k) >= 0; })[0];
    return key ? SOURCE_COLORS[key] : undefined;
  }

  // Time-series chart of stacked panels sharing one zoomable time axis. Each panel:
  // {axes: [{name, ...yAxis options}, ...up to 2], series: [{axis: 0|1, ...series options}]}.
  function timeChart(key, panels) {
    panels = panels.filter(function (p) { return p.series.length > 0; });
    var top = 9, bottom = 84, gap = 7;
    var height = (bottom - top - gap * (panels.length - 1)) / panels.length;
    var option = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'cross', label: { precision: 2 } } },
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      legend: { top: 0, type: 'scroll' },
      grid: [], xAxis: [], yAxis: [], series: [],
      dataZoom: [
        { type: 'inside', xAxisIndex: panels.map(function (p, i) { return i; }) },
        { type: 'slider', xAxisIndex: panels.map(function (p, i) { return i; }), bottom: 8, height: 28 }
      ]
    };
    var roles = {}, bands = [], selected = {};  // the bands' series, and series drawn only when asked for
    panels.forEach(function (panel, i) {
      option.grid.push({ left: 70, right: 80, top: (top + i * (height + gap)) + '%', height: height + '%' });
      option.xAxis.push({ type: 'time', gridIndex: i, axisLine: { onZero: false },
                         axisLabel: { show: i === panels.length - 1, hideOverlap: true } });
      var firstAxis = option.yAxis.length;
      panel.axes.forEach(function (axis, j) {
        option.yAxis.push(Object.assign({
          type: 'value', gridIndex: i, scale: true, position: j === 0 ? 'left' : 'right',
          nameTextStyle: { align: j === 0 ? 'right' : 'left' },
          splitLine: { show: j === 0 }, axisLabel: { formatter: compact }
        }, axis));
      });
      panel.series.forEach(function (s) {
        var yAxisIndex = firstAxis + Math.min(s.axis || 0, panel.axes.length - 1);
        if (s.bandLow || s.bandHigh) roles[option.series.length] = s.bandLow ? 'low' : 'high';
        if (s.bandHigh) bands.push(s.bandHigh);
        if (s.hidden) selected[s.name] = false;
        option.series.push(Object.assign({
          type: 'line', showSymbol: false, xAxisIndex: i, yAxisIndex: yAxisIndex, lineStyle: { width: 1.2 }
        }, s, { axis: undefined, bandLow: undefined, bandHigh: undefined, hidden: undefined }));
      });
    });
    option.legend.selected = selected;
    if (bands.length > 0) option.tooltip.formatter = bandTooltip(roles);
    bandCaption(key, bands);
    return makeChart(key, option);
  }
  // A line series for timeChart, or nothing when the data has none.
  function line(name, times, values, extra) {
    if (!hasValues(values)) return [];
    return [Object.assign({ name: name, data: pairs(times, values), sampling: 'lttb' }, extra || {})];
  }

  // A line with more points than the chart has pixels draws as a hatch (a year of hourly
  // carbon intensity swings every day). Past BAND_POINTS it becomes the mean over buckets of
  // a whole number of hours (a day for a year) on a band from the bucket's least to its
  // greatest value; the raw line stays one legend click away. extra.color is required: the
  // band, its mean and the raw line share it.
  var BAND_POINTS = 1500, BAND_BUCKETS = 500;
  var BUCKET_HOURS = [1, 2, 3, 6, 12, 24, 48, 168, 336, 720];
  function bucketName(h) {
    return h === 24 ? 'daily' : h === 168 ? 'weekly' : h === 1 ? 'hourly' : fmt(h, 0) + '-hour';
  }
  function banded(name, times, values, extra) {
    if (!hasValues(values) || values.length <= BAND_POINTS) return line(name, times, values, extra);
    var spanH = (times[times.length - 1] - times[0]) / HOUR_MS;
    var tickH = spanH / (times.length - 1);
    var hours = BUCKET_HOURS.filter(function (h) { return h >= tickH && spanH / h <= BAND_BUCKETS; })[0] ||
      Math.ceil(spanH / BAND_BUCKETS);
    var per = Math.max(1, Math.round(hours / tickH));
    var lows = [], highs = [], means = [];
    for (var i = 0; i < values.length; i += per) {
      var lo = Infinity, hi = -Infinity, sum = 0, n = 0;
      for (var k = i; k < Math.min(values.length, i + per); ++k) {
        if (values[k] == null) continue;
        lo = Math.min(lo, values[k]); hi = Math.max(hi, values[k]); sum += values[k]; ++n;
      }
      var at = times[Math.min(values.length - 1, i + Math.floor(per / 2))];  // the bucket's middle
      lows.push([at, n ? lo : null]);
      highs.push([at, n ? hi - lo : null, lo, hi]);  // stacked on the least: the band's width
      means.push([at, n ? sum / n : null]);
    }
    var every = bucketName(hours);
    var range = name + ' ' + every + ' range', stack = 'band ' + name;
    var common = { axis: (extra || {}).axis, color: extra.color, showSymbol: false, sampling: undefined };
    return [
      Object.assign({ name: range, data: lows, stack: stack, lineStyle: { opacity: 0 }, bandLow: true, silent: true }, common),
      Object.assign({ name: range, data: highs, stack: stack, lineStyle: { opacity: 0 }, bandHigh: every, silent: true,
                      areaStyle: { opacity: 0.22, color: extra.color } }, common),
      Object.assign({}, extra, { name: name + ' ' + every + ' mean', data: means }),
      Object.assign({}, extra, { name: name + (Math.abs(tickH - 1) < 1e-3 ? ' hourly' : ' per tick'), data: pairs(times, values), sampling: 'lttb', hidden: true })
    ];
  }
  // Says under a chart which of its lines are bands (a site picked may draw none).
  function bandCaption(key, bands) {
    var chart = document.querySelector('[data-chart="' + key + '"]');
    var note = chart.parentNode.querySelector('[data-band-note="' + key + '"]');
    if (!note) {
      note = document.createElement('p');
      note.className = 'note';
      note.setAttribute('data-band-note', key);
      chart.parentNode.insertBefore(note, chart.nextSibling);
    }
    var every = bands.filter(function (b, i) { return bands.indexOf(b) === i; }).join(' or ');
    note.textContent = bands.length === 0 ? '' : 'Dense lines are drawn as their ' + every +
      ' mean on a band from the least to the greatest value of each period; their lines at every tick are in the legend, off until clicked.';
  }

  // The tooltip of a chart with bands: one line per series, a band as its least – greatest.
  // roles[seriesIndex] is 'low' (not shown: the band's base) or 'high' (the band).
  function valueDigits(v) { return Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 3; }
  function bandTooltip(roles) {
    return function (params) {
      var head = params.length ? esc(params[0].axisValueLabel) : '';
      return head + params.map(function (p) {
        var d = p.data || [];
        if (roles[p.seriesIndex] === 'low' || d[1] == null) return '';
        var text = roles[p.seriesIndex] === 'high'
          ? fmt(d[2], valueDigits(d[3])) + ' \u2013 ' + fmt(d[3], valueDigits(d[3]))
          : fmt(d[1], valueDigits(d[1]));
        return '<br>' + p.marker + esc(p.seriesName) + ' <b>' + text + '</b>';
      }).join('');
    };
  }

  // ---- Sections ----------------------------------------------------------------------
  // Each builder returns null when its data is missing (the section is then removed), or a
  // value / promise that settles once the section is drawn.

  function buildHeadline(data, section) {
    // Columns and rows come from the run's data: declared figures, with their labels.
    var headline = data.headline || {};
    var rows = (headline.rows || []).filter(function (r) { return r && r.site != null; });
    if (rows.length === 0 || !Array.isArray(headline.columns)) return null;
    // Sites in the given order, then the total.
    rows = rows.filter(function (r) { return r.site !== 'total'; })
      .concat(rows.filter(function (r) { return r.site === 'total'; }));
    var columns = [{ label: 'Site', key: 'site' }].concat(headline.columns.map(function (c) {
      return {
        label: c.label, key: c.key, numeric: true, title: c.title || undefined,
        format: c.compact ? compact : function (v) { return fmt(v, c.digits); }
      };
    }));
    var cells = rows.map(function (r) { return columns.map(function (c) { return r[c.key]; }); });
    var table = buildTable(columns, cells, function (row) { return row[0] === 'total' ? 'total' : ''; });
    table.className = 'sortable';
    sortOnClick(table, columns, cells);
    var holder = section.querySelector('[data-table="headline"]');
    if (rows.length > 3) holder.appendChild(filterBox(table, 'Filter sites'));
    holder.appendChild(table);
    var note = document.createElement('p');
    note.className = 'note';
    note.textContent = 'Carbon: scope 2, location-based. ETTR: effective training time ratio. ' +
      'Tokens in short scale (K thousand, M million, B billion, T trillion).';
    section.appendChild(note);
    return true;
  }

  var FLOW_COLORS = { facility: '#2f5fb3', it: '#3aa3a3', loss: '#c0504d', cooling: '#5b9bd5',
                      'heat pump': '#e07b39', reused: '#d4a72c', rejected: '#a0a7b4' };
  function nodeColor(name) {
    var n = name.toLowerCase();
    if (sourceColor(n)) return sourceColor(n);
    var key = Object.keys(FLOW_COLORS).filter(function (k) { return k === 'it' ? n === 'it' : n.indexOf(k) >= 0; })[0];
    return key ? FLOW_COLORS[key] : undefined;
  }
  function buildSankey(data) {
    var s = data.sankey;
    if (!s || !Array.isArray(s.links)) return null;
    // echarts draws zero links as hairlines and refuses unknown nodes: keep positive flows,
    // and only the nodes they touch (in the given order, unknown names appended).
    var links = s.links.filter(function (l) { return l && l.value > 0; });
    if (links.length === 0) return null;
    var used = {};
    links.forEach(function (l) { used[l.source] = used[l.target] = true; });
    var names = (s.nodes || []).filter(function (n) { return used[n]; });
    Object.keys(used).forEach(function (n) { if (names.indexOf(n) < 0) names.push(n); });
    return makeChart('sankey', {
      tooltip: { trigger: 'item', formatter: function (p) {
        var label = p.dataType === 'edge' ? p.data.source + ' \u2192 ' + p.data.target : p.name;
        return esc(label) + ': <b>' + fmt(p.value, 1) + ' GWh</b>';
      } },
      series: [{
        type: 'sankey', left: 20, right: 150, top: 20, bottom: 20, nodeGap: 16, draggable: false,
        emphasis: { focus: 'adjacency' },
        data: names.map(function (n) { return { name: n, itemStyle: { color: nodeColor(n) } }; }),
        links: links.map(function (l) { return { source: l.source, target: l.target, value: l.value / 1000 }; }),
        lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
        label: { formatter: function (p) { return p.name + '  ' + fmt(p.value, 0); } }
      }]
    });
  }

  function seriesTimes(data) {
    var s = data.series;
    if (!s || !hasValues(s.time_h)) return null;
    return s.time_h.map(function (h) { return toTime(data, h); });
  }

  function buildTimeline(data) {
    var t = seriesTimes(data), s = data.series;
    if (!t) return null;
    var power = line('facility MW', t, s.facility_mw).concat(line('IT MW', t, s.it_mw))
      .concat(line('unserved MW', t, s.unserved_mw, { color: '#c0504d', step: 'end', sampling: 'max' }));
    // The grid connection, the power the site may never pass, drawn on the MW panel.
    if (power.length > 0 && data.grid_connection_mw > 0) {
      power[0].markLine = { silent: true, symbol: 'none', lineStyle: { color: '#8a94a6', type: 'dashed' },
                            label: { formatter: 'grid connection ' + fmt(data.grid_connection_mw, 0) + ' MW', position: 'insideEndTop' },
                            data: [{ yAxis: data.grid_connection_mw }] };
    }
    var climate = banded('PUE', t, s.pue, { axis: 0, color: '#3ba272' })
      .concat(banded('outdoor \u00b0C', t, s.dry_bulb_c, { axis: 1, color: '#5b9bd5', lineStyle: { width: 1, opacity: 0.8 } }));
    if (power.length + climate.length === 0) return null;
    var pueDigits = tickDigits((s.pue || []).filter(function (v) { return v > 0; }));
    return timeChart('timeline', [
      { axes: [{ name: 'MW', min: 0, scale: false, max: function (v) { return Math.max(v.max, data.grid_connection_mw || 0); } }], series: power },
      { axes: [{ name: 'PUE', axisLabel: { formatter: function (v) { return fmt(v, pueDigits); } } },
               { name: '\u00b0C', axisLabel: { formatter: function (v) { return fmt(v, 0); } } }],
        series: climate }
    ]);
  }

  function buildPueVsTemperature(data) {
    var sites = (data.pue_vs_temperature || []).filter(function (s) { return s && hasValues(s.points); });
    if (sites.length === 0) return null;
    return makeChart('pue_vs_temperature', {
      legend: { top: 0, type: 'scroll' },  // one line however many sites
      tooltip: { trigger: 'item', formatter: function (p) {
        return esc(p.seriesName) + '<br>' + fmt(p.value[0], 1) + ' \u00b0C: PUE <b>' + fmt(p.value[1], 3) + '</b>';
      } },
      grid: { left: 70, right: 40, top: 40, bottom: 50 },
      xAxis: { type: 'value', name: 'outdoor dry-bulb temperature (\u00b0C)', nameLocation: 'middle', nameGap: 30, scale: true },
      yAxis: { type: 'value', name: 'PUE', scale: true, axisLine: { onZero: false },
               axisLabel: { formatter: function (v) { return fmt(v, 2); } } },
      series: sites.map(function (s) {
        // 'large' draws thousands of points in one pass; small translucent dots show density.
        return { type: 'scatter', name: s.site, data: s.points, symbolSize: 3, large: true, itemStyle: { opacity: 0.5 } };
      })
    });
  }

  function buildSupply(data) {
    var t = seriesTimes(data), s = data.series;
    if (!t) return null;
    var bySource = s.supply_mw || {};
    var sources = Object.keys(bySource).filter(function (k) { return hasValues(bySource[k]); });
    var areas = sources.map(function (name) {
      // No sampling in a stack: sampled points would not line up between the layers.
      return { name: name + ' MW', data: pairs(t, bySource[name]), stack: 'supply', areaStyle: { opacity: 0.75 },
               lineStyle: { width: 0 }, color: sourceColor(name) };
    });
    var carbon = banded('carbon intensity g/kWh', t, s.carbon_intensity_g_per_kwh,
                      { axis: 1, color: '#1d2330', lineStyle: { width: 0.8, opacity: 0.75 }, z: 5 });
    if (areas.length + carbon.length === 0) return null;
    return timeChart('supply', [{
      axes: [{ name: 'MW', scale: false }, { name: 'g/kWh', scale: false }],
      series: areas.concat(carbon)
    }]);
  }

  function buildUtilization(data) {
    var t = seriesTimes(data), s = data.series;
    if (!t || !hasValues(s.utilization)) return null;
    // Utilization may come as a fraction (like ettr) or in percent: a series that never
    // exceeds 1 is a fraction.
    var max = Math.max.apply(null, s.utilization.filter(function (v) { return v != null; }));
    var pct = s.utilization.map(function (v) { return v == null ? null : (max <= 1 ? v * 100 : v); });
    return timeChart('utilization', [{
      axes: [{ name: '%', min: 0, max: 100, scale: false, axisLabel: { formatter: function (v) { return fmt(v, 0); } } },
             { name: 'jobs', min: 0, scale: false }],
      series: banded('utilization %', t, pct, { color: '#2f5fb3' })
        .concat(line('DVFS power cap, % of dynamic power', t, (s.power_cap || []).map(function (v) { return v == null ? null : v * 100; }),
                     { color: '#c0504d', step: 'end', sampling: 'min', lineStyle: { width: 1 } }))
        .concat(line('queue length (jobs)', t, s.queue_length, { axis: 1, step: 'end', sampling: 'max' }))
    }]);
  }

  function buildGoodput(data, section) {
    var items = (data.goodput || []).filter(function (g) { return g && typeof g.value === 'number'; });
    if (items.length < 2) return null;
    // Waterfall: a transparent base bar lifts each loss to the running level.
    var level = 0, base = [], bars = [], last = items.length - 1;
    items.forEach(function (g, i) {
      var v = g.value;
      if (i === 0 || i === last) { base.push(0); bars.push({ value: v, itemStyle: { color: '#2f5fb3' } }); level = i === 0 ? v : level; return; }
      var from = level;
      level += v;
      base.push(Math.min(from, level));
      bars.push({ value: Math.abs(v), signed: v, itemStyle: { color: v < 0 ? '#c0504d' : '#5c9e4a' } });
    });
    var ideal = items[0].value;
    var gap = items[last].value - level;
    if (ideal && Math.abs(gap) > 0.001 * Math.abs(ideal)) {
      var note = document.createElement('p');
      note.className = 'note';
      note.textContent = 'The listed losses leave ' + fmt(level, 0) + ' accelerator-hours; delivered differs by ' + fmt(gap, 0) + '.';
      section.appendChild(note);
    }
    function share(v) {
      var pct = ideal ? Math.abs(100 * v / ideal) : null;
      return pct == null ? '' : ' (' + fmt(pct, pct < 1 ? 2 : 1) + ' %)';
    }
    return makeChart('goodput', {
      grid: { left: 80, right: 30, top: 30, bottom: 40 },
      tooltip: { trigger: 'item', formatter: function (p) {
        var v = p.data.signed != null ? p.data.signed : p.data.value;
        return esc(p.name) + ': <b>' + fmt(v, 0) + '</b> accelerator-hours' + share(v);
      } },
      xAxis: { type: 'category', data: items.map(function (g) { return g.name; }) },
      yAxis: { type: 'value', name: 'accelerator-hours', axisLabel: { formatter: compact } },
      series: [
        { type: 'bar', stack: 'waterfall', data: base, itemStyle: { color: 'transparent' },
          emphasis: { disabled: true }, tooltip: { show: false }, silent: true },
        { type: 'bar', stack: 'waterfall', data: bars, barMaxWidth: 70,
          label: { show: true, position: 'top', formatter: function (p) {
            var v = p.data.signed != null ? p.data.signed : p.data.value;
            return (v < 0 ? '\u2212' : '') + compact(Math.abs(v)) + share(v);
          } } }
      ]
    });
  }

  function buildPowerSteps(data, section) {
    var steps = (data.power_steps || []).filter(function (s) { return s && typeof s.step_mw === 'number'; });
    if (steps.length === 0) return null;
    // Say what the chart leaves out.
    var caption = document.createElement('p');
    caption.className = 'note';
    caption.textContent = data.power_steps_total > steps.length
      ? 'The ' + fmt(steps.length, 0) + ' largest of ' + fmt(data.power_steps_total, 0) + ' steps.'
      : 'All ' + fmt(steps.length, 0) + ' steps.';
    section.appendChild(caption);
    function points(up) {
      return steps.filter(function (s) { return (s.step_mw >= 0) === up; }).map(function (s) {
        return { value: [toTime(data, s.time_h), s.step_mw], step: s };
      });
    }
    return makeChart('power_steps', {
      legend: { top: 0 },
      grid: { left: 70, right: 40, top: 40, bottom: 70 },
      tooltip: { trigger: 'item', formatter: function (p) {
        var s = p.data.step;
        return esc(s.site) + '<br>' + echarts.time.format(p.value[0], '{yyyy}-{MM}-{dd} {HH}:{mm}', true) +
          '<br>' + fmt(s.before_mw, 1) + ' \u2192 ' + fmt(s.after_mw, 1) + ' MW (<b>' + (s.step_mw >= 0 ? '+' : '') + fmt(s.step_mw, 1) + ' MW</b>)';
      } },
      xAxis: { type: 'time', min: startMs(data), max: data.hours ? toTime(data, data.hours) : undefined },
      yAxis: { type: 'value', name: 'step (MW)' },
      dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 8, height: 28 }],
      series: [
        { type: 'scatter', name: 'step up', data: points(true), color: '#c0504d', symbolSize: 8,
          markLine: { silent: true, symbol: 'none', lineStyle: { color: '#8a94a6' }, label: { show: false }, data: [{ yAxis: 0 }] } },
        { type: 'scatter', name: 'step down', data: points(false), color: '#2f5fb3', symbolSize: 8 }
      ]
    });
  }

  function buildCosts(data) {
    var costs = data.costs || {};
    var items = Object.keys(costs).filter(function (k) { return typeof costs[k] === 'number'; })
      .map(function (k) { return { name: k, value: costs[k] }; })
      .sort(function (a, b) { return a.value - b.value; });   // largest at the top of the bar chart
    if (items.length === 0) return null;
    var total = items.reduce(function (sum, c) { return sum + c.value; }, 0);
    return makeChart('costs', {
      title: { text: 'Total ' + eur(total) + ' over the run', right: 30, top: 0, textStyle: { fontSize: 13, fontWeight: 'normal' } },
      grid: { left: 130, right: 120, top: 30, bottom: 30 },
      tooltip: { trigger: 'item', formatter: function (p) {
        return esc(p.name) + ': <b>\u20ac' + fmt(p.value, 0) + '</b>' + (total ? ' (' + fmt(100 * p.value / total, 1) + ' %)' : '');
      } },
      xAxis: { type: 'value', axisLabel: { formatter: eur } },
      yAxis: { type: 'category', data: items.map(function (c) { return c.name; }) },
      series: [{ type: 'bar', barMaxWidth: 28,
        // Negative items (revenues such as heat sales) are green with their label on the left.
        data: items.map(function (c) {
          return c.value < 0 ? { value: c.value, itemStyle: { color: '#5c9e4a' }, label: { position: 'left' } }
                             : { value: c.value, itemStyle: { color: '#2f5fb3' } };
        }),
        label: { show: true, position: 'right', formatter: function (p) { return eur(p.value); } } }]
    });
  }

  var JOB_LABELS = {
    held_gpu_hours: 'GPU-hours held', cost_eur: 'cost (EUR)', wait_h: 'wait (h)', end_day: 'ended (day)',
    accelerators: 'accelerators'
  };
  function buildJobs(data, section) {
    var jobs = data.jobs;
    if (!jobs || isEmpty(jobs.columns) || isEmpty(jobs.rows)) return null;
    var rows = jobs.rows.slice();
    var columns = jobs.columns.map(function (name, i) {
      var values = rows.map(function (r) { return r[i]; }).filter(function (v) { return v != null; });
      var numeric = values.length > 0 && values.every(function (v) { return typeof v === 'number'; });
      return {
        label: JOB_LABELS[name] || name.replace(/_h$/, ' (h)').replace(/_/g, ' '), numeric: numeric,
        format: numeric ? function (v) { return fmt(v, Math.abs(v) < 100 && !Number.isInteger(v) ? 1 : 0); } : null
      };
    });
    var table = buildTable(columns, rows);
    table.className = 'sortable';
    sortOnClick(table, columns, rows);
    var holder = section.querySelector('[data-table="jobs"]');
    holder.appendChild(filterBox(table, 'Filter jobs (name, site, tenant, class, state)'));
    holder.appendChild(table);
    var caption = document.createElement('p');
    caption.className = 'note';
    caption.textContent = 'The ' + fmt(rows.length, 0) + ' jobs that held the most accelerator-hours, of ' +
      fmt(data.jobs_total || rows.length, 0) + ' that started. Cost: hours held \u00d7 the site\u2019s fixed cost per ' +
      'GPU-hour + IT energy \u00d7 its energy cost per MWh.';
    section.appendChild(caption);
    return true;
  }

  var DELAY_LABELS = { mean_wait_h: 'mean wait (h)', p95_wait_h: 'p95 wait (h)', max_wait_h: 'longest wait (h)',
                       bounded_slowdown: 'bounded slowdown', unfinished: 'unfinished at the end',
                       start_day: 'started (day)', end_day: 'ended (day)', done_pct: 'done (%)',
                       late_h: 'past its deadline (h)', cost_eur: 'cost (EUR)' };
  function delayTable(block) {
    if (!block || isEmpty(block.columns) || isEmpty(block.rows)) return null;
    var rows = block.rows.slice();
    var columns = block.columns.map(function (name, i) {
      var numeric = i > 0;
      return { label: DELAY_LABELS[name] || name, numeric: numeric,
               format: numeric ? function (v) { return fmt(v, Math.abs(v) < 100 && !Number.isInteger(v) ? 1 : 0); } : null };
    });
    var table = buildTable(columns, rows);
    table.className = 'sortable';
    sortOnClick(table, columns, rows);
    return table;
  }
  function buildDelays(data, section) {
    var d = data.delays;
    if (!d) return null;
    var classes = delayTable(d.classes), named = delayTable(d.named);
    if (!classes && !named) return null;
    if (classes) section.querySelector('[data-table="delay_classes"]').appendChild(classes);
    if (named) section.querySelector('[data-table="named_jobs"]').appendChild(named);
    else section.querySelector('[data-table="named_jobs"]').remove();
    return true;
  }
  // A time-series section with a choice of site when the run has several: the sum of all
  // sites first, then each site's own (coarser) series, drawn by the same builder.
  function withSitePicker(key, builder) {
    return function (data, section) {
      var drawn = builder(data);
      var ss = data.site_series;
      if (drawn == null || !ss || !Array.isArray(ss.names) || ss.names.length < 2 || !ss.by_site) return drawn;
      var select = document.createElement('select');
      select.className = 'site-picker';
      select.setAttribute('aria-label', 'Site shown');
      [''].concat(ss.names).forEach(function (name) {
        var option = document.createElement('option');
        option.value = name;
        option.textContent = name === '' ? 'All sites (sum)' : name;
        select.appendChild(option);
      });
      var note = document.createElement('p');
      note.className = 'note';
      select.addEventListener('change', function () {
        var site = ss.by_site[select.value];
        var view = site ? Object.assign({}, data, { series: site, grid_connection_mw: site.grid_connection_mw }) : data;
        note.textContent = site ? 'One point per ' + fmt(ss.hours_per_point, 0) + ' h: the peak of power, PUE, ' +
          'temperature and queue in it, the mean of supply, utilization and carbon intensity, the tightest cap.' : '';
        builder(view);
      });
      section.insertBefore(select, section.querySelector('[data-chart="' + key + '"]'));
      section.appendChild(note);
      return drawn;
    };
  }

  // ---- Page ------------------------------------------------------------------------
  var SECTIONS = [
    ['headline', buildHeadline], ['sankey', buildSankey], ['timeline', withSitePicker('timeline', buildTimeline)],
    ['pue_vs_temperature', buildPueVsTemperature], ['supply', withSitePicker('supply', buildSupply)], ['utilization', withSitePicker('utilization', buildUtilization)],
    ['goodput', buildGoodput], ['power_steps', buildPowerSteps], ['costs', buildCosts], ['delays', buildDelays], ['jobs', buildJobs]
  ];

  function describeRun(data) {
    var name = data.scenario || 'unnamed scenario';
    document.title = 'gigasim \u2014 ' + name;
    document.getElementById('title').textContent = 'gigasim \u2014 ' + name;
    var parts = ['scenario ' + name];
    if (data.seed != null) parts.push('seed ' + data.seed);
    if (data.start) {
      var end = data.hours ? ' to ' + new Date(toTime(data, data.hours)).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '';
      parts.push('from ' + data.start + end);
    }
    if (data.hours != null) parts.push(fmt(data.hours, 0) + ' h simulated');
    if (data.tick_h != null) parts.push('tick ' + fmt(data.tick_h, data.tick_h < 1 ? 2 : 0) + ' h');
    document.getElementById('meta').textContent = parts.join(' \u00b7 ');
  }

  page.start(SECTIONS, describeRun);
})();
