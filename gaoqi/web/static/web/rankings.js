// 梯次培育: the tier funnel (counts per tier, from a json_script block) drawn with the shared chart helper.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var charts = window.gaoqiCharts;
  var el = document.getElementById("tier-funnel");
  var rows = charts && charts.data("tier-funnel-data");
  if (!el || !rows || !window.echarts) return;
  charts.draw(el, {
    tooltip: { trigger: "item" },
    legend: { data: rows.map(function (r) { return r.name; }) },
    series: [{
      type: "funnel", sort: "none", top: 48, bottom: 8, left: "10%", width: "80%", minSize: "8%",
      label: { show: true, position: "inside", formatter: "{c}" },
      data: rows,
    }],
  });
});

// What-if by district: qualifying enterprises under the system in force and under the changed one, as bars.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var charts = window.gaoqiCharts;
  var el = document.getElementById("what-if-chart");
  var rows = charts && charts.data("what-if-rows");
  if (!el || !rows || !window.echarts) return;
  var d = el.dataset;
  charts.draw(el, {
    tooltip: { trigger: "axis" },
    legend: { data: [d.before, d.after] },
    xAxis: { type: "category", data: rows.map(function (r) { return r.name; }), axisLabel: { interval: 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: d.before, type: "bar", data: rows.map(function (r) { return r.before; }) },
      { name: d.after, type: "bar", data: rows.map(function (r) { return r.after; }) },
    ],
  }, { xAxis: { axisLabel: { rotate: 45 } } });
});

// 精准画像: where the enterprise stands among each peer group, per measure (0–100), as a radar.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var charts = window.gaoqiCharts;
  var el = document.getElementById("profile-radar");
  var data = charts && charts.data("profile-radar-data");
  if (!el || !data || !window.echarts) return;
  charts.draw(el, {
    tooltip: { trigger: "item" },
    legend: { data: data.series.map(function (s) { return s.name; }) },
    radar: { indicator: data.indicators, center: ["50%", "58%"], radius: "62%" },
    series: [{ type: "radar", data: data.series }],
  });
});
