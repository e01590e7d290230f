// Added to every page the layout tests open (Playwright's add_init_script, before the page's own scripts): records
// Content-Security-Policy violations and offers the layout checks as window.pageChecks.
window.pageChecks = (function () {
  "use strict";
  var violations = [];
  document.addEventListener("securitypolicyviolation", function (e) {
    violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
  });

  function label(el) {
    return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + [].map.call(el.classList, function (c) { return "." + c; }).join("");
  }

  // null when the page is no wider than the window, else its width and the innermost elements that stick out.
  function overflow() {
    var width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= window.innerWidth) return null;
    var wide = [].filter.call(document.body.querySelectorAll("*"), function (el) {
      return el.getBoundingClientRect().right > width + 1 && !el.closest(".offcanvas:not(.show), .dropdown-menu:not(.show)");
    });
    var innermost = wide.filter(function (el) {
      return !wide.some(function (other) { return other !== el && el.contains(other); });
    });
    return { scrollWidth: document.documentElement.scrollWidth, elements: innermost.slice(0, 5).map(label) };
  }

  // What is wrong with the page's ECharts charts: not drawn, not as wide as their box, a legend or an axis (its
  // labels and name) outside the chart, a legend meeting an axis.
  function charts() {
    return [].flatMap.call(document.querySelectorAll(".chart"), function (el) {
      var chart = window.echarts && window.echarts.getInstanceByDom(el);
      if (!chart) return ["#" + el.id + ": not drawn"];
      var model = chart.getModel();
      var box = function (component) {
        var group = chart.getViewOfComponentModel(component).group;
        group.updateTransform();
        var rect = group.getBoundingRect().clone();
        if (group.transform) rect.applyTransform(group.transform);
        return rect;
      };
      var inside = function (r) {
        return r.x >= -1 && r.y >= -1 && r.x + r.width <= el.clientWidth + 1 && r.y + r.height <= el.clientHeight + 1;
      };
      var problems = [];
      if (chart.getWidth() !== el.clientWidth) problems.push("drawn " + chart.getWidth() + " px wide in a " + el.clientWidth + " px box");
      var axes = ["xAxis", "yAxis"].flatMap(function (type) { return model.findComponents({ mainType: type }).map(box); });
      var legend = model.getComponent("legend");
      var legendBox = legend && box(legend);
      if (legend && legend.get("type") === "scroll") {  // pages through its items: drawn clipped to the chart's width
        legendBox.width = Math.min(legendBox.x + legendBox.width, el.clientWidth) - Math.max(legendBox.x, 0);
        legendBox.x = Math.max(legendBox.x, 0);
      }
      (legend ? [legendBox].concat(axes) : axes).forEach(function (r) {
        if (!inside(r)) problems.push("a component runs out of the chart: " + [r.x, r.y, r.width, r.height].map(Math.round));
      });
      if (legend && axes.some(function (r) { return r.intersect(legendBox); })) problems.push("the legend overlaps an axis");
      return problems.map(function (p) { return "#" + el.id + ": " + p; });
    });
  }

  return { violations: violations, overflow: overflow, charts: charts };
})();
