// ECharts the same way on every page (load after vendor/echarts.min.js, before the page's own script): the legend in
// its own strip above the plot, axis labels and axis names kept inside the plot's box so that neither runs into the
// other, tooltips drawn on the canvas (no inline styles, which the Content-Security-Policy refuses), a description
// for screen readers, and a chart that follows the size of its box. ``narrow`` is merged in while the chart is
// narrower than NARROW pixels (on phones), e.g. to slant category labels.
window.gaoqiCharts = (function () {
  "use strict";
  var LEGEND_STRIP = 36;
  var NARROW = 560;

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function draw(el, option, narrow) {
    var legend = option.legend ? Object.assign({ type: "scroll", top: 0, left: "center" }, option.legend) : undefined;
    var grid = Object.assign(
      { left: 8, right: 16, bottom: 8, top: legend ? LEGEND_STRIP : 16, outerBoundsMode: "same", outerBoundsContain: "all" },
      option.grid
    );
    var tooltip = option.tooltip ? Object.assign({ renderMode: "richText", confine: true }, option.tooltip) : undefined;
    var chart = window.echarts.init(el);
    var base = Object.assign({ animation: false, aria: { enabled: true } }, option, { legend: legend, grid: grid, tooltip: tooltip });
    chart.setOption(narrow ? { baseOption: base, media: [{ query: { maxWidth: NARROW }, option: narrow }] } : base);
    new ResizeObserver(function () { chart.resize(); }).observe(el);
    return chart;
  }

  return { data: data, draw: draw };
})();
