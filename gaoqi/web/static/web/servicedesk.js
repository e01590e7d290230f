// 有求必应 dashboard: requests per month (on time vs late) and the satisfaction distribution; labels come translated
// from data attributes.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.echarts) return;
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const months = read("sd-months");
  const monthEl = document.getElementById("sd-month-chart");
  echarts.init(monthEl).setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 40, right: 20, top: 30, bottom: 30 },
    xAxis: { type: "category", data: months.map((m) => m.month) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: monthEl.dataset.total, type: "line", data: months.map((m) => m.total) },
      { name: monthEl.dataset.onTime, type: "bar", stack: "r", data: months.map((m) => m.on_time), itemStyle: { color: "#2e7d32" } },
      { name: monthEl.dataset.late, type: "bar", stack: "r", data: months.map((m) => m.late), itemStyle: { color: "#c62828" } },
    ],
  });
  const ratingEl = document.getElementById("sd-rating-chart");
  echarts.init(ratingEl).setOption({
    animation: false,
    tooltip: {},
    grid: { left: 40, right: 20, top: 10, bottom: 30 },
    xAxis: { type: "category", data: [1, 2, 3, 4, 5].map((n) => `${n} ${ratingEl.dataset.unit}`) },
    yAxis: { type: "value", minInterval: 1, name: ratingEl.dataset.count },
    series: [{ type: "bar", data: read("sd-ratings"), itemStyle: { color: "#1f6feb" } }],
  });
});
