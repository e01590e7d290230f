// Mentor load (assigned against capacity) and stations per district, as bar charts; labels come translated from data
// attributes, figures from json_script blocks.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var charts = window.gaoqiCharts;
  if (!window.echarts || !charts) return;
  var load = document.getElementById("load-chart");
  if (load) {
    var rows = charts.data("load-data") || [];
    charts.draw(load, {
      tooltip: { trigger: "axis" },
      legend: { data: [load.dataset.load, load.dataset.capacity] },
      grid: { bottom: 44 },
      xAxis: { type: "category", data: rows.map(function (r) { return r.name; }), axisLabel: { rotate: 60 } },
      yAxis: { type: "value", minInterval: 1 },
      dataZoom: [{ type: "slider", bottom: 4, height: 20, start: 0, end: Math.min(100, (40 / Math.max(rows.length, 1)) * 100) }],
      series: [
        { name: load.dataset.load, type: "bar", data: rows.map(function (r) { return r.load; }), itemStyle: { color: "#1f6feb" } },
        { name: load.dataset.capacity, type: "line", step: "middle", data: rows.map(function (r) { return r.capacity; }), itemStyle: { color: "#d1242f" } },
      ],
    });
  }
  var stations = document.getElementById("station-chart");
  if (stations) {
    var districts = charts.data("station-data") || [];
    charts.draw(stations, {
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: districts.map(function (r) { return r.name; }), axisLabel: { interval: 0 } },
      yAxis: { type: "value", minInterval: 1, name: stations.dataset.label },
      series: [{
        type: "bar",
        data: districts.map(function (r) { return { value: r.stations, itemStyle: { color: r.stations ? "#1f6feb" : "#d1242f" } }; }),
      }],
    }, { xAxis: { axisLabel: { rotate: 45 } } });
  }
});
