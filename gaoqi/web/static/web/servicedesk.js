// 有求必应 dashboard: requests per month (on time vs late) and the satisfaction distribution; labels come translated
// from data attributes, figures from json_script blocks.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var charts = window.gaoqiCharts;
  if (!window.echarts || !charts) return;
  var monthEl = document.getElementById("sd-month-chart");
  var months = charts.data("sd-months");
  if (monthEl && months) {
    charts.draw(monthEl, {
      tooltip: { trigger: "axis" },
      legend: {},
      xAxis: { type: "category", data: months.map(function (m) { return m.month; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: monthEl.dataset.total, type: "line", data: months.map(function (m) { return m.total; }) },
        { name: monthEl.dataset.onTime, type: "bar", stack: "r", data: months.map(function (m) { return m.on_time; }), itemStyle: { color: "#2e7d32" } },
        { name: monthEl.dataset.late, type: "bar", stack: "r", data: months.map(function (m) { return m.late; }), itemStyle: { color: "#c62828" } },
      ],
    });
  }
  var ratingEl = document.getElementById("sd-rating-chart");
  var ratings = charts.data("sd-ratings");
  if (ratingEl && ratings) {
    charts.draw(ratingEl, {
      tooltip: {},
      xAxis: { type: "category", data: [1, 2, 3, 4, 5].map(function (n) { return n + " " + ratingEl.dataset.unit; }) },
      yAxis: { type: "value", minInterval: 1, name: ratingEl.dataset.count },
      series: [{ type: "bar", data: ratings, itemStyle: { color: "#1f6feb" } }],
    });
  }
});
