// The page of `badia map`. Reads the data embedded in <script id="badia-data">, shows the events
// clustered and coloured by type, and re-clusters them whenever the date range changes.
//
// Every string in the data comes from articles or the gazetteer and is untrusted: the DOM is
// built with createElement/textContent only, and a link is made only for an http(s) address.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("badia-data").textContent);
  const TYPES = [
    ["Battles", "#D55E00"],
    ["Explosions/Remote violence", "#E69F00"],
    ["Violence against civilians", "#CC79A7"],
    ["Strategic developments", "#0072B2"],
    ["Protests", "#009E73"],
    ["Riots", "#56B4E9"],
  ];
  const OTHER_COLOUR = "#777777";
  const baseTitle = data.title;
  const all = data.events.features;
  const dates = Array.from(new Set(all.map((f) => f.properties.date).filter(Boolean))).sort();
  const undatedCount = all.filter((f) => !f.properties.date).length;

  function el(tag, text, attrs) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }

  /** The address itself when it is http(s), else null: nothing else becomes a link. */
  function safeHref(url) {
    if (typeof url !== "string") return null;
    try {
      const u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function typeIndex(t) {
    const i = TYPES.findIndex(([name]) => name === t);
    return i < 0 ? TYPES.length : i;
  }

  // Each feature gets its type's index, so clusters can count events per type.
  for (const f of all) f.properties.t = typeIndex(f.properties.event_type);

  function setTitle(shown) {
    document.title = `${baseTitle} — ${shown} events shown`;
    document.documentElement.dataset.rendered = String(shown);
  }

  // ---- the panel -------------------------------------------------------------------------
  document.getElementById("title").textContent = baseTitle;
  document.getElementById("attribution").textContent = data.attribution;
  const from = document.getElementById("date-from");
  const to = document.getElementById("date-to");
  const undated = document.getElementById("undated");
  document.getElementById("undated-count").textContent = String(undatedCount);
  from.max = to.max = String(Math.max(dates.length - 1, 0));
  from.value = "0";
  to.value = String(Math.max(dates.length - 1, 0));
  if (dates.length === 0) from.disabled = to.disabled = true;

  function selected() {
    let a = Number(from.value);
    let b = Number(to.value);
    if (a > b) [a, b] = [b, a];
    const lo = dates[a];
    const hi = dates[b];
    return all.filter((f) => {
      const d = f.properties.date;
      return d ? d >= lo && d <= hi : undated.checked;
    });
  }

  function renderLegend(features) {
    const counts = new Array(TYPES.length + 1).fill(0);
    for (const f of features) counts[f.properties.t] += 1;
    const ul = document.getElementById("legend");
    ul.replaceChildren();
    [...TYPES, ["Other", OTHER_COLOUR]].forEach(([name, colour], i) => {
      if (i === TYPES.length && counts[i] === 0) return;
      const li = el("li");
      const sw = el("span", null, { class: "swatch" });
      sw.style.background = colour;
      li.append(sw, el("span", `${name} (${counts[i]})`));
      ul.append(li);
    });
  }

  // ---- the map ---------------------------------------------------------------------------
  const style = { version: 8, sources: {}, layers: [
    { id: "background", type: "background", paint: { "background-color": "#f3efe6" } },
  ] };
  const basemap = data.basemap;
  let map;

  function zoomClasses() {
    const z = map.getZoom();
    const c = map.getContainer().classList;
    c.toggle("z-lt7", z < 7);
    c.toggle("z-lt9", z < 9);
  }

  function addContext() {
    if (basemap && basemap.raster) {
      map.addSource("basemap", { type: "raster", tiles: [basemap.raster], tileSize: 256 });
      map.addLayer({ id: "basemap", type: "raster", source: "basemap" });
    }
    if (data.outline) {
      map.addSource("outline", { type: "geojson", data: data.outline });
      map.addLayer({
        id: "outline", type: "line", source: "outline",
        paint: { "line-color": "#8a7f6a", "line-width": ["interpolate", ["linear"], ["zoom"], 4, 1, 10, 2.5], "line-dasharray": [4, 2] },
      });
    }
    map.addSource("context", { type: "geojson", data: data.context });
    map.addLayer({
      id: "context-dots", type: "circle", source: "context",
      filter: ["!=", ["get", "kind"], "governorate"],
      paint: {
        "circle-radius": ["match", ["get", "kind"], "city", 3, 2],
        "circle-color": "#888", "circle-opacity": 0.8,
      },
    });
    // Labels are HTML, so the browser shapes Arabic and no glyph server is needed offline.
    for (const f of data.context.features) {
      const p = f.properties;
      const label = el("div", null, { class: `place-label ${p.kind}` });
      label.append(el("span", p.name_en, { class: "en" }), el("span", p.name_ar, { class: "ar", dir: "rtl", lang: "ar" }));
      new maplibregl.Marker({ element: label, anchor: p.kind === "governorate" ? "center" : "top", offset: [0, 3] })
        .setLngLat(f.geometry.coordinates).addTo(map);
    }
    zoomClasses();
    map.on("zoom", zoomClasses);
  }

  function dominantColour() {
    const expr = ["case"];
    TYPES.forEach(([, colour], i) => {
      const beatsAll = ["all", ...TYPES.map((_, j) => [">=", ["get", `t${i}`], ["get", `t${j}`]])];
      expr.push(["all", [">", ["get", `t${i}`], 0], beatsAll], colour);
    });
    expr.push(OTHER_COLOUR);
    return expr;
  }

  function addEvents(features) {
    const clusterProperties = { fatalities: ["+", ["get", "fatalities"]] };
    TYPES.forEach((_, i) => {
      clusterProperties[`t${i}`] = ["+", ["case", ["==", ["get", "t"], i], 1, 0]];
    });
    map.addSource("events", {
      type: "geojson",
      data: { type: "FeatureCollection", features },
      cluster: true, clusterRadius: 40, clusterMaxZoom: 14, clusterProperties,
      promoteId: "event_id",
    });
    map.addLayer({
      id: "clusters", type: "circle", source: "events", filter: ["has", "point_count"],
      paint: {
        "circle-color": dominantColour(),
        "circle-radius": ["step", ["get", "point_count"], 14, 10, 18, 50, 24, 200, 30],
        "circle-opacity": 0.85, "circle-stroke-color": "#fff", "circle-stroke-width": 2,
      },
    });
    const pointColour = ["match", ["get", "t"]];
    TYPES.forEach(([, colour], i) => pointColour.push(i, colour));
    pointColour.push(OTHER_COLOUR);
    map.addLayer({
      id: "points", type: "circle", source: "events", filter: ["!", ["has", "point_count"]],
      paint: {
        "circle-color": pointColour,
        "circle-radius": ["interpolate", ["linear"], ["get", "fatalities"], 0, 6, 20, 12],
        "circle-stroke-color": "#fff", "circle-stroke-width": 1.5,
      },
    });
  }

  // Cluster counts as HTML labels (no glyphs needed), kept in step with the rendered clusters.
  let clusterLabels = new Map();
  function updateClusterLabels() {
    const next = new Map();
    for (const f of map.queryRenderedFeatures({ layers: ["clusters"] })) {
      const id = f.properties.cluster_id;
      if (next.has(id)) continue;
      let marker = clusterLabels.get(id);
      if (!marker) {
        marker = new maplibregl.Marker({ element: el("div", f.properties.point_count_abbreviated, { class: "cluster-label" }) })
          .setLngLat(f.geometry.coordinates);
      }
      next.set(id, marker);
    }
    for (const [id, m] of clusterLabels) if (!next.has(id)) m.remove();
    for (const [id, m] of next) if (!clusterLabels.has(id)) m.addTo(map);
    clusterLabels = next;
  }

  /** How many events the map draws now: cluster sizes plus single points, each counted once. */
  function renderedCount() {
    let n = 0;
    const seen = new Set();
    for (const f of map.queryRenderedFeatures({ layers: ["clusters", "points"] })) {
      const key = f.properties.cluster ? `c${f.properties.cluster_id}` : `p${f.properties.event_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      n += f.properties.cluster ? f.properties.point_count : 1;
    }
    return n;
  }

  function status(features) {
    const s = document.getElementById("status");
    let range = "no dated reports";
    if (dates.length) {
      const a = Math.min(Number(from.value), Number(to.value));
      const b = Math.max(Number(from.value), Number(to.value));
      range = `${dates[a]} – ${dates[b]}`;
      document.getElementById("date-from-label").textContent = dates[Number(from.value)];
      document.getElementById("date-to-label").textContent = dates[Number(to.value)];
    }
    s.textContent = `${features.length} of ${all.length} events · ${range}`;
  }

  function applyFilter() {
    const features = selected();
    status(features);
    renderLegend(features);
    // setData rebuilds the source's cluster index from the filtered events only.
    map.getSource("events").setData({ type: "FeatureCollection", features });
  }

  // ---- popups ----------------------------------------------------------------------------
  function row(dl, term, value, attrs) {
    if (value === null || value === undefined || value === "") return;
    dl.append(el("dt", term), el("dd", value, attrs));
  }

  function popupContent(p) {
    const box = el("div", null, { class: "popup" });
    box.append(el("h2", p.sub_event_type ? `${p.event_type}: ${p.sub_event_type}` : p.event_type));
    const dl = el("dl");
    row(dl, "Date", p.date || "unknown");
    row(dl, "Place", p.location);
    row(dl, "المكان", p.location_ar, { dir: "rtl", lang: "ar" });
    row(dl, "As written", p.location_text, { dir: "rtl", lang: "ar" });
    row(dl, "Region", p.admin1);
    let dead = String(p.fatalities);
    if (p.fatalities_low !== null && p.fatalities_high !== null && p.fatalities_low !== p.fatalities_high) {
      dead += ` (reports: ${p.fatalities_low}–${p.fatalities_high})`;
    }
    row(dl, "Dead", dead);
    row(dl, "Injured", p.injured === null ? "not reported" : p.injured);
    row(dl, "Actor 1", p.actor1);
    row(dl, "Actor 2", p.actor2);
    box.append(dl);
    box.append(el("h3", "Sources"));
    const ul = el("ul", null, { class: "sources" });
    for (const s of p.sources) {
      const li = el("li");
      const name = s.outlet || s.article_id;
      const href = safeHref(s.url);
      if (href) {
        li.append(el("a", name, { href, target: "_blank", rel: "noopener noreferrer nofollow" }));
      } else {
        li.append(el("span", name));
        if (s.url) li.append(el("span", " (address not shown: not an http(s) link)"));
      }
      ul.append(li);
    }
    box.append(ul);
    for (const text of p.evidence) box.append(el("p", text, { class: "evidence", dir: "rtl", lang: "ar" }));
    return box;
  }

  function openPopup(feature) {
    new maplibregl.Popup({ maxWidth: "360px" })
      .setLngLat(feature.geometry.coordinates)
      .setDOMContent(popupContent(feature.properties))
      .addTo(map);
  }

  function bindClicks() {
    map.on("click", "clusters", async (e) => {
      const f = e.features[0];
      const zoom = await map.getSource("events").getClusterExpansionZoom(f.properties.cluster_id);
      map.easeTo({ center: f.geometry.coordinates, zoom });
    });
    map.on("click", "points", (e) => {
      // Layer features carry stringified nested values; use the original feature.
      const id = e.features[0].properties.event_id;
      const f = all.find((g) => g.properties.event_id === id);
      if (f) openPopup(f);
    });
    for (const layer of ["clusters", "points"]) {
      map.on("mouseenter", layer, () => { map.getCanvas().style.cursor = "pointer"; });
      map.on("mouseleave", layer, () => { map.getCanvas().style.cursor = ""; });
    }
  }

  /** `#event=ID` in the address opens that event's popup: a link to one event. */
  function openFromHash() {
    const m = /^#event=(.+)$/.exec(location.hash);
    if (!m) return;
    const id = decodeURIComponent(m[1]);
    const f = all.find((g) => g.properties.event_id === id);
    if (f) openPopup(f);
  }

  // What the page's security policy blocked (a base map whose style loads from other hosts,
  // say) is said in the panel and kept on <html data-blocked> rather than failing silently.
  document.addEventListener("securitypolicyviolation", (e) => {
    const what = `${e.effectiveDirective} ${e.blockedURI || "inline"}`;
    document.documentElement.dataset.blocked = what;
    document.getElementById("status").textContent = `Blocked by the page's security policy: ${what}`;
  });

  function start(mapStyle) {
    map = new maplibregl.Map({
      container: "map",
      style: mapStyle,
      bounds: data.bounds,
      fitBoundsOptions: { padding: { top: 60, bottom: 60, right: 60, left: window.innerWidth > 700 ? 320 : 60 }, maxZoom: 10 },
      attributionControl: { compact: true, customAttribution: "badia" },
    });
    map.addControl(new maplibregl.NavigationControl(), "top-right");
    map.addControl(new maplibregl.ScaleControl(), "bottom-right");

    map.on("error", (e) => {
      const msg = e && e.error ? e.error.message : "unknown error";
      document.getElementById("status").textContent = `Map error: ${msg}`;
    });

    map.on("load", () => {
      addContext();
      addEvents(selected());
      applyFilter();
      bindClicks();
      map.on("render", updateClusterLabels);
      map.on("idle", () => setTitle(renderedCount()));
      for (const input of [from, to, undated]) input.addEventListener("input", applyFilter);
      openFromHash();
      window.addEventListener("hashchange", openFromHash);
    });
  }

  // A base map's style document is fetched first: when it cannot be had (offline, or
  // blocked), the events are still shown, on the plain background.
  if (basemap && basemap.style) {
    fetch(basemap.style)
      .then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.json();
      })
      .then(start, (e) => {
        document.documentElement.dataset.basemap = `unavailable: ${e.message}`;
        start(style);
      });
  } else {
    start(style);
  }
})();
