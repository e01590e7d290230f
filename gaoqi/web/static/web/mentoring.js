// Mentor load (assigned against capacity) and stations per district, as bar charts; labels come from data attributes.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.echarts) return;
  const read = (id) => JSON.parse((document.getElementById(id) || {}).textContent || "[]");
  const load = document.getElementById("load-chart");
  if (load) {
    const rows = read("load-data");
    echarts.init(load).setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { data: [load.dataset.load, load.dataset.capacity] },
      grid: { left: 40, right: 20, top: 30, bottom: 80 },
      xAxis: { type: "category", data: rows.map((r) => r.name), axisLabel: { rotate: 60 } },
      yAxis: { type: "value" },
      dataZoom: [{ type: "slider", start: 0, end: Math.min(100, (40 / Math.max(rows.length, 1)) * 100) }],
      series: [
        { name: load.dataset.load, type: "bar", data: rows.map((r) => r.load), itemStyle: { color: "#1f6feb" } },
        { name: load.dataset.capacity, type: "line", step: "middle", data: rows.map((r) => r.capacity), itemStyle: { color: "#d1242f" } },
      ],
    });
  }
  const stations = document.getElementById("station-chart");
  if (stations) {
    const rows = read("station-data");
    echarts.init(stations).setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 20, top: 20, bottom: 40 },
      xAxis: { type: "category", data: rows.map((r) => r.name) },
      yAxis: { type: "value", minInterval: 1, name: stations.dataset.label },
      series: [{ type: "bar", data: rows.map((r) => ({ value: r.stations, itemStyle: { color: r.stations ? "#1f6feb" : "#d1242f" } })) }],
    });
  }
});
