// Score ranges per indicator as a floating bar chart (min to max); labels come translated from data attributes.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var charts = window.gaoqiCharts;
  var el = document.getElementById("score-chart");
  if (!el || !window.echarts || !charts) return;
  var score = charts.data("score-data") || {};
  var keys = ["ip", "conversion", "management", "growth"];
  var min = keys.map(function (k) { return Number((score[k] || {}).min || 0); });
  var span = keys.map(function (k, i) { return Number((score[k] || {}).max || 0) - min[i]; });
  charts.draw(el, {
    xAxis: { type: "value", max: 30 },
    yAxis: { type: "category", data: keys.map(function (k) { return el.dataset[k]; }) },
    series: [
      { type: "bar", stack: "s", data: min, itemStyle: { color: "#1f6feb" } },
      { type: "bar", stack: "s", data: span, itemStyle: { color: "#9cc3ff" } },
    ],
  });
});
