/* One indicator's progress curve: actual values, the schedule, the target and the forecast. */
(function () {
  "use strict";
  var s = JSON.parse(document.getElementById("series-data").textContent);
  var t = s.labels;
  var el = document.getElementById("indicator-chart");
  if (!el) { return; }
  var chart = echarts.init(el, null, { renderer: "svg" });
  var series = [
    { name: t.actual, type: "line", data: s.actual, symbolSize: 6, lineStyle: { width: 3 } },
    { name: t.expected, type: "line", data: s.expected, lineStyle: { type: "dashed" }, symbol: "none" }
  ];
  if (s.forecast !== null && s.actual.length && s.expected.length) {
    series.push({ name: t.forecast, type: "line", lineStyle: { type: "dotted" }, symbol: "circle",
      data: [s.actual[s.actual.length - 1], [s.expected[s.expected.length - 1][0], s.forecast]] });
  }
  var marks = [];
  if (s.target !== null) { marks.push({ yAxis: s.target, name: t.target }); }
  if (s.stretch !== null) { marks.push({ yAxis: s.stretch, name: t.stretch }); }
  series[0].markLine = { symbol: "none", data: marks, label: { formatter: "{b} {c}" } };
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 50, right: 30, top: 40, bottom: 30 },
    xAxis: { type: "time" },
    yAxis: { type: "value", name: s.unit, scale: true },
    series: series
  });
  window.addEventListener("resize", function () { chart.resize(); });
  window.techbureauChartsReady = 1;
})();
