/* Dashboard charts: a summary pie and bar, and one small bullet chart per indicator row.
   ECharts is served locally (static/vendor/echarts); no network access is needed. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var colors = { achieved: "#198754", on_track: "#0d6efd", at_risk: "#ffc107", behind: "#dc3545", no_data: "#6c757d" };
  var charts = [];

  function pie(el) {
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      tooltip: { trigger: "item" },
      series: [{
        type: "pie", radius: ["40%", "70%"],
        data: Object.keys(data.summary).filter(function (k) { return data.summary[k] > 0; }).map(function (k) {
          return { name: data.labels[k], value: data.summary[k], itemStyle: { color: colors[k] } };
        })
      }]
    });
    charts.push(chart);
  }

  function bars(el) {
    var chart = echarts.init(el, null, { renderer: "svg" });
    var items = data.indicators.filter(function (i) { return i.percent !== null; });
    chart.setOption({
      tooltip: { trigger: "axis", formatter: function (p) {
        var i = items[p[0].dataIndex];
        return i.code + " " + i.name + "<br>" + i.percent + "%";
      } },
      grid: { left: 40, right: 10, top: 20, bottom: 90 },
      // short names on the axis (the code alone tells a reader nothing); the tooltip has the full name
      xAxis: { type: "category", data: items.map(function (i) { return i.short; }), axisLabel: { rotate: 60, fontSize: 10, interval: 0 } },
      yAxis: { type: "value", name: "%", max: function (v) { return Math.max(100, Math.ceil(v.max / 10) * 10); } },
      series: [{
        type: "bar", name: "%",
        data: items.map(function (i) { return { value: i.percent, itemStyle: { color: colors[i.status] }, name: i.name }; }),
        markLine: { silent: true, symbol: "none", data: [{ yAxis: 100 }], lineStyle: { type: "dashed" } }
      }]
    });
    chart.on("click", function (p) { var i = items[p.dataIndex]; if (i) { window.location.href = "/plans/indicators/" + i.id + "/"; } });
    charts.push(chart);
  }

  function bullet(el, i) {
    if (i.target === null) { return; }
    var chart = echarts.init(el, null, { renderer: "svg" });
    var base = i.baseline || 0;
    var max = Math.max(i.target, i.current || 0, i.expected || 0) * 1.05 || 1;
    chart.setOption({
      animation: false,
      grid: { left: 2, right: 2, top: 6, bottom: 6 },
      xAxis: { type: "value", min: Math.min(base, i.current || base), max: max, show: false },
      yAxis: { type: "category", data: [""], show: false },
      tooltip: { trigger: "axis", formatter: function () {
        return i.name + "<br>" + data.words.current + " " + (i.current === null ? "—" : i.current) + " / " + data.words.expected + " " + (i.expected === null ? "—" : i.expected) + " / " + data.words.target + " " + i.target + " " + i.unit;
      } },
      series: [
        { type: "bar", data: [i.target], barWidth: 14, itemStyle: { color: "#e9ecef" }, barGap: "-100%", silent: true },
        { type: "bar", data: [i.current === null ? 0 : i.current], barWidth: 8, itemStyle: { color: colors[i.status] },
          markLine: { symbol: "none", label: { show: false }, data: i.expected === null ? [] : [{ xAxis: i.expected }], lineStyle: { color: "#212529", width: 2, type: "solid" } } }
      ]
    });
    charts.push(chart);
  }

  var pieEl = document.getElementById("summary-pie");
  var barEl = document.getElementById("summary-chart");
  if (pieEl) { pie(pieEl); }
  if (barEl) { bars(barEl); }
  document.querySelectorAll(".mini-chart").forEach(function (el) {
    bullet(el, data.indicators[Number(el.dataset.index)]);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  window.techbureauChartsReady = charts.length;
})();
