// Policy funnel (one bar per stage) and the dashboard's 应知尽知 / 应享尽享 rates by district; labels come translated
// from data attributes, figures from json_script blocks.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.echarts) return;
  const funnel = document.getElementById("funnel-chart");
  const funnelData = document.getElementById("funnel-data");
  if (funnel && funnelData) {
    const rows = JSON.parse(funnelData.textContent);
    const total = rows[rows.length - 1] || {};
    const stages = ["qualifying", "notified", "delivered", "read", "clicked", "applied"];
    echarts.init(funnel).setOption({
      animation: false,
      grid: { left: 80, right: 20, top: 10, bottom: 30 },
      xAxis: { type: "value" },
      yAxis: { type: "category", inverse: true, data: stages.map((s) => funnel.dataset[s]) },
      series: [{ type: "bar", data: stages.map((s) => total[s] || 0), itemStyle: { color: "#1f6feb" } }],
    });
  }
  const board = document.getElementById("board-chart");
  const boardData = document.getElementById("board-data");
  if (board && boardData) {
    const rows = JSON.parse(boardData.textContent);
    const pct = (v) => (v === null || v === undefined ? 0 : Math.round(v * 1000) / 10);
    echarts.init(board).setOption({
      animation: false,
      legend: {},
      tooltip: { trigger: "axis" },
      grid: { left: 50, right: 20, top: 40, bottom: 40 },
      xAxis: { type: "category", data: rows.map((r) => r.name) },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        { name: board.dataset.aware, type: "bar", data: rows.map((r) => pct(r.aware_rate)) },
        { name: board.dataset.applied, type: "bar", data: rows.map((r) => pct(r.applied_rate)) },
      ],
    });
  }
});
