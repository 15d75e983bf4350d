// Fault Lines explorer: draws the timeline and the map from the API's own answers.
// The page works without this script (tables and links); the script only adds pictures.
// Data: the figure's data-src (an API URL of the same query); base map: vendored Natural Earth.
(function () {
  "use strict";

  var BASEMAP = "/static/vendor/world-atlas/countries-50m.json";

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(url + " answered " + r.status);
      return r.json();
    });
  }

  function width(el) {
    return Math.max(280, Math.min(720, el.clientWidth || 640));
  }

  function say(figure, text) {
    var p = document.createElement("p");
    p.className = "hint";
    p.textContent = text;
    figure.querySelector(".plot").replaceWith(p);
  }

  // One bar segment per (year, type) group of /v1/stats/events?group_by=year&group_by=event_type.
  function drawTimeline(figure) {
    var labels = JSON.parse(figure.dataset.labels || "{}");
    getJSON(figure.dataset.src).then(function (stats) {
      // Years without events come back with count 0 (the API fills time buckets): no bar.
      var rows = stats.data.filter(function (d) { return d.count > 0; }).map(function (d) {
        var type = d.group.event_type;
        return { year: +d.group.year, type: labels[type] || type, count: d.count };
      });
      if (!rows.length) return say(figure, "No events to chart.");
      var chart = Plot.plot({
        width: width(figure),
        height: 260,
        marginLeft: 40,
        ariaLabel: "Events per year, stacked by type",
        x: { label: "Year (start of event)", tickFormat: "d", interval: 1 },
        y: { label: "Events", grid: true },
        color: { legend: true, label: "Type", domain: Object.values(labels).filter(function (l) {
          return rows.some(function (r) { return r.type === l; });
        }) },
        marks: [
          Plot.rectY(rows, { x: "year", y: "count", fill: "type", interval: 1,
                             title: function (d) { return d.year + ": " + d.count + " " + d.type; } }),
          Plot.ruleY([0], { ariaHidden: true })
        ]
      });
      chart.setAttribute("data-role", "timeline");
      figure.querySelector(".plot").replaceChildren(chart);
    }).catch(function (e) { say(figure, "The timeline could not be drawn: " + e.message); });
  }

  // One dot per event with coordinates in the GeoJSON of the whole filtered set.
  function drawMap(figure) {
    Promise.all([getJSON(figure.dataset.src), getJSON(BASEMAP)]).then(function (res) {
      var features = res[0].features.filter(function (f) { return f.geometry; });
      var total = +figure.dataset.total;
      var suffix = figure.dataset.release ? "?release=" + encodeURIComponent(figure.dataset.release) : "";
      figure.querySelector(".placed").textContent =
        "(" + features.length + " of " + total + " events have coordinates; the others count in the timeline and facets)";
      var land = topojson.feature(res[1], res[1].objects.countries);
      var points = features.map(function (f) {
        return { lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1],
                 id: f.properties.id, title: f.properties.title };
      });
      var frame = { type: "MultiPoint", coordinates: [[38, 22], [66, 42]].concat(
        points.map(function (p) { return [p.lon, p.lat]; })) };
      var chart = Plot.plot({
        width: width(figure),
        height: 300,
        ariaLabel: "Map of the events that have coordinates; each dot links to its event",
        projection: { type: "mercator", domain: frame, inset: 10 },
        marks: [
          Plot.geo(land, { fill: "#e8ebef", stroke: "#9aa3ad", strokeWidth: 0.5, ariaHidden: true }),
          Plot.dot(points, { x: "lon", y: "lat", r: 4, fill: "#c0392b", stroke: "#fff",
                             href: function (d) { return "/events/" + d.id + suffix; },
                             title: function (d) { return d.id + ": " + d.title; } })
        ]
      });
      chart.setAttribute("data-role", "map");
      figure.querySelector(".plot").replaceChildren(chart);
    }).catch(function (e) { say(figure, "The map could not be drawn: " + e.message); });
  }

  var timeline = document.getElementById("timeline");
  var map = document.getElementById("map");
  if (timeline) drawTimeline(timeline);
  if (map) drawMap(map);
})();
