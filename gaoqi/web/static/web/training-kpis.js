// 科创学堂 KPIs by district: sessions and trainee-visits as grouped bars (ECharts, vendored).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("kpi-chart");
    var data = document.getElementById("kpi-rows");
    if (!el || !data || !window.echarts) return;
    var rows = JSON.parse(data.textContent);
    var labels = JSON.parse(el.dataset.labels);
    var chart = window.echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: [labels.sessions, labels.visits, labels.enterprises] },
      grid: { left: 50, right: 50, bottom: 30, top: 60 },
      xAxis: { type: "category", data: rows.map(function (r) { return r.name; }) },
      yAxis: [{ type: "value", name: labels.sessions }, { type: "value", name: labels.visits }],
      series: [
        { name: labels.sessions, type: "bar", data: rows.map(function (r) { return r.sessions; }) },
        { name: labels.visits, type: "bar", yAxisIndex: 1, data: rows.map(function (r) { return r.trainee_visits; }) },
        { name: labels.enterprises, type: "bar", yAxisIndex: 1, data: rows.map(function (r) { return r.enterprises; }) }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
