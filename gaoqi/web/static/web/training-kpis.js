// 科创学堂 KPIs by district: sessions and enterprises reached as bars on the left axis, trainee-visits (hundreds) as a
// line on the right; labels come translated from data attributes, figures from a json_script block.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var charts = window.gaoqiCharts;
  var el = document.getElementById("kpi-chart");
  var rows = charts && charts.data("kpi-rows");
  if (!el || !rows || !window.echarts) return;
  var d = el.dataset;
  charts.draw(el, {
    tooltip: { trigger: "axis" },
    legend: { data: [d.sessions, d.enterprises, d.visits] },
    xAxis: { type: "category", data: rows.map(function (r) { return r.name; }), axisLabel: { interval: 0 } },
    yAxis: [
      { type: "value", name: d.sessions + " / " + d.enterprises, nameTextStyle: { align: "left" }, minInterval: 1 },
      { type: "value", name: d.visits, nameTextStyle: { align: "right" }, minInterval: 1 },
    ],
    series: [
      { name: d.sessions, type: "bar", data: rows.map(function (r) { return r.sessions; }) },
      { name: d.enterprises, type: "bar", data: rows.map(function (r) { return r.enterprises; }) },
      { name: d.visits, type: "line", yAxisIndex: 1, data: rows.map(function (r) { return r.trainee_visits; }) },
    ],
  }, { xAxis: { axisLabel: { rotate: 45 } }, yAxis: [{ name: "" }, { name: "" }] });  // narrow: the legend names them
});
