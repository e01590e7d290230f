// Policy funnel (one bar per stage) and the dashboard's 应知尽知 / 应享尽享 rates by district; labels come translated
// from data attributes, figures from json_script blocks.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var charts = window.gaoqiCharts;
  if (!window.echarts || !charts) return;
  var funnel = document.getElementById("funnel-chart");
  var rows = charts.data("funnel-data");
  if (funnel && rows) {
    var total = rows[rows.length - 1] || {};
    var stages = ["qualifying", "notified", "delivered", "read", "clicked", "applied"];
    charts.draw(funnel, {
      tooltip: { trigger: "axis" },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: stages.map(function (s) { return funnel.dataset[s]; }) },
      series: [{ type: "bar", data: stages.map(function (s) { return total[s] || 0; }), itemStyle: { color: "#1f6feb" } }],
    });
  }
  var board = document.getElementById("board-chart");
  var districts = charts.data("board-data");
  if (board && districts) {
    var pct = function (v) { return v === null || v === undefined ? 0 : Math.round(v * 1000) / 10; };
    charts.draw(board, {
      legend: {},
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: districts.map(function (r) { return r.name; }), axisLabel: { interval: 0 } },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        { name: board.dataset.aware, type: "bar", data: districts.map(function (r) { return pct(r.aware_rate); }) },
        { name: board.dataset.applied, type: "bar", data: districts.map(function (r) { return pct(r.applied_rate); }) },
      ],
    }, { xAxis: { axisLabel: { rotate: 45 } } });
  }
});
