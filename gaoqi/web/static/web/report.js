// Score ranges per indicator as a floating bar chart (min to max); labels come translated from data attributes.
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("score-chart");
  const data = document.getElementById("score-data");
  if (!el || !data || !window.echarts) return;
  const score = JSON.parse(data.textContent) || {};
  const keys = ["ip", "conversion", "management", "growth"];
  const min = keys.map((k) => Number((score[k] || {}).min || 0));
  const span = keys.map((k, i) => Number((score[k] || {}).max || 0) - min[i]);
  echarts.init(el).setOption({
    animation: false,
    grid: { left: 80, right: 20, top: 10, bottom: 30 },
    xAxis: { type: "value", max: 30 },
    yAxis: { type: "category", data: keys.map((k) => el.dataset[k]) },
    series: [
      { type: "bar", stack: "s", data: min, itemStyle: { color: "#1f6feb" } },
      { type: "bar", stack: "s", data: span, itemStyle: { color: "#9cc3ff" } },
    ],
  });
});
