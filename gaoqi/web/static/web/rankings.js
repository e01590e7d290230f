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
