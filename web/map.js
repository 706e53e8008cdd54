// The page of `badia map`. Reads the data embedded in <script id="badia-data">, shows the events
// clustered and coloured by type, and re-clusters them whenever the date range changes.
//
// A large map (`data.tiles`) carries no event: it reads them from events.pmtiles, where below
// the top zoom they are clustered per calendar month (`period`). The page keeps the months in
// the date range (month steps) and sums the clusters that sit close together on the screen,
// so the counts it shows follow the range.
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
  // ACLED's codebook: the event type of each sub-event type (the tiles' top zoom writes
  // event_type only where its sub-event type does not imply it).
  const TYPE_OF_SUB = {};
  for (const [type, subs] of [
    [0, ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"]],
    [1, ["Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"]],
    [2, ["Sexual violence", "Attack", "Abduction/forced disappearance"]],
    [3, ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"]],
    [4, ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"]],
    [5, ["Violent demonstration", "Mob violence"]],
  ]) for (const sub of subs) TYPE_OF_SUB[sub] = TYPES[type][0];
  const CLUSTER_COLOUR = "#6b5b4b";
  // The interface in the page's language (`--lang`): English, or Arabic laid out right to left.
  const I18N = {
    en: {
      mapLabel: "Map of events", dates: "Dates", from: "From", to: "To", undated: "undated reports",
      status: (n, total, range) => `${n} of ${total} events · ${range}`, noDated: "no dated reports",
      shown: (n) => `${n} events shown`,
      list: "Events in view", listEmpty: "No event in this view and date range.",
      listLarge: "Zoom in and choose an event on the map: this map is too large to list its events.",
      date: "Date", place: "Place", asWritten: "As written", region: "Region", dead: "Dead",
      injured: "Injured", notReported: "not reported", unknown: "unknown", actor1: "Actor 1",
      actor2: "Actor 2", sources: "Sources", reports: "Reports", event: "Event",
      reportRange: (lo, hi) => ` (reports: ${lo}–${hi})`,
      toll: (dead, injured) => `${dead} dead` + (injured ? `, ${injured} injured` : ""),
      noAddress: " (address not shown: not an http(s) link)",
      tilesNote: "Sources and the Arabic evidence of this event are in events.csv and events.geojson beside this page.",
      download: "Download the events:", savePng: "Save the view as PNG",
      pngFailed: (m) => `The image could not be made: ${m}`, blocked: (w) => `Blocked by the page's security policy: ${w}`,
      mapError: (m) => `Map error: ${m}`,
      types: {},
      other: "Other",
    },
    ar: {
      mapLabel: "خريطة الأحداث", dates: "الفترة", from: "من", to: "إلى", undated: "تقارير بلا تاريخ",
      status: (n, total, range) => `${n} من ${total} حدثاً · ${range}`, noDated: "لا تقارير مؤرخة",
      shown: (n) => `${n} حدثاً على الخريطة`,
      list: "الأحداث في هذا العرض", listEmpty: "لا أحداث في هذا العرض وهذه الفترة.",
      listLarge: "قرّب الخريطة واختر حدثاً عليها: الخريطة أكبر من أن تُسرد أحداثها.",
      date: "التاريخ", place: "المكان", asWritten: "كما ورد", region: "المحافظة", dead: "القتلى",
      injured: "الجرحى", notReported: "لم يُذكر", unknown: "غير معروف", actor1: "الطرف الأول",
      actor2: "الطرف الثاني", sources: "المصادر", reports: "التقارير", event: "الحدث",
      reportRange: (lo, hi) => ` (بحسب التقارير: ${lo}–${hi})`,
      toll: (dead, injured) => `${dead} قتلى` + (injured ? `، ${injured} جرحى` : ""),
      noAddress: " (الرابط غير معروض: ليس رابط http(s))",
      tilesNote: "مصادر هذا الحدث ونصوصه العربية في الملفين events.csv وevents.geojson بجانب هذه الصفحة.",
      download: "تنزيل بيانات الأحداث:", savePng: "حفظ هذا العرض صورةً PNG",
      pngFailed: (m) => `تعذّر صنع الصورة: ${m}`, blocked: (w) => `منعته سياسة أمان الصفحة: ${w}`,
      mapError: (m) => `خطأ في الخريطة: ${m}`,
      types: {
        "Battles": "معارك",
        "Explosions/Remote violence": "تفجيرات وعنف عن بعد",
        "Violence against civilians": "عنف ضد المدنيين",
        "Strategic developments": "تطورات استراتيجية",
        "Protests": "احتجاجات",
        "Riots": "أعمال شغب",
      },
      other: "أخرى",
    },
  };
  const arabic = data.lang === "ar";
  const L = arabic ? I18N.ar : I18N.en;
  const typeName = (t) => L.types[t] || t;
  // Still mode (`#still`): the map alone under its title, with the credit, for an image.
  const still = new URLSearchParams(location.hash.slice(1)).has("still");
  if (still) {
    document.documentElement.classList.add("still");
    document.body.append(el("p", data.credit || "badia", { id: "still-credit" }));
    // The legend goes with the title, over the map.
    document.getElementById("head").append(document.getElementById("legend"));
  }
  const baseTitle = data.title;
  const large = Boolean(data.tiles);
  const periods = large ? data.tiles.periods : [];
  const all = large ? [] : data.events.features;
  const total = large ? data.tiles.total : all.length;
  // The slider's steps: days, or calendar months for a large map.
  const dates = large
    ? periods.map((p) => p.period).filter(Boolean)
    : Array.from(new Set(all.map((f) => f.properties.date).filter(Boolean))).sort();
  const undatedCount = large
    ? periods.filter((p) => !p.period).reduce((n, p) => n + p.count, 0)
    : all.filter((f) => !f.properties.date).length;

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
    document.title = `${baseTitle} — ${L.shown(shown)}`;
    document.documentElement.dataset.rendered = String(shown);
  }

  // ---- the panel -------------------------------------------------------------------------
  document.getElementById("title").textContent = baseTitle;
  document.getElementById("attribution").textContent = data.attribution;
  for (const [id, text] of [["t-dates", L.dates], ["t-from", L.from], ["t-to", L.to],
    ["t-undated", L.undated], ["list-heading", L.list]]) document.getElementById(id).textContent = text;
  document.getElementById("map").setAttribute("aria-label", L.mapLabel);
  for (const id of ["description", "credit"]) {
    if (!data[id]) continue;
    const p = document.getElementById(id);
    p.textContent = data[id];
    p.hidden = false;
  }
  const saveButton = document.getElementById("save-png");
  saveButton.textContent = L.savePng;
  saveButton.addEventListener("click", savePng);
  if (data.downloads) {
    const p = document.getElementById("downloads");
    p.append(el("span", L.download), " ",
      el("a", "CSV", { href: data.downloads.csv, download: "" }), " · ",
      el("a", "GeoJSON", { href: data.downloads.geojson, download: "" }));
    p.hidden = false;
  }
  const from = document.getElementById("date-from");
  const to = document.getElementById("date-to");
  const undated = document.getElementById("undated");
  document.getElementById("undated-count").textContent = String(undatedCount);
  from.max = to.max = String(Math.max(dates.length - 1, 0));
  from.value = "0";
  to.value = String(Math.max(dates.length - 1, 0));
  if (dates.length === 0) from.disabled = to.disabled = true;
  rangeFromHash();

  /** `#from=…&to=…&undated=0` in the address sets the date range: a link to a period. A
   *  date keeps the steps from the first at or after `from` to the last at or before `to`. */
  function rangeFromHash() {
    const q = new URLSearchParams(location.hash.replace(/^#/, ""));
    if (q.has("from")) {
      const i = dates.findIndex((d) => d >= q.get("from").slice(0, large ? 7 : 10));
      if (i >= 0) from.value = String(i);
    }
    if (q.has("to")) {
      const hi = q.get("to").slice(0, large ? 7 : 10);
      let i = dates.length - 1;
      while (i > 0 && dates[i] > hi) i -= 1;
      to.value = String(i);
    }
    if (q.get("undated") === "0") undated.checked = false;
  }

  function range() {
    let a = Number(from.value);
    let b = Number(to.value);
    if (a > b) [a, b] = [b, a];
    return [dates[a], dates[b]];
  }

  function selected() {
    const [lo, hi] = range();
    return all.filter((f) => {
      const d = f.properties.date;
      return d ? d >= lo && d <= hi : undated.checked;
    });
  }

  /** A large map: the months (and "" for undated events) the date range keeps. */
  function selectedPeriods() {
    const [lo, hi] = range();
    return periods.filter((p) => (p.period ? p.period >= lo && p.period <= hi : undated.checked));
  }

  function renderLegend(features) {
    const counts = new Array(TYPES.length + 1).fill(0);
    if (large) {
      for (const p of selectedPeriods()) p.types.forEach((n, i) => { counts[i] += n; });
    } else {
      for (const f of features) counts[f.properties.t] += 1;
    }
    const ul = document.getElementById("legend");
    ul.replaceChildren();
    [...TYPES, [L.other, OTHER_COLOUR]].forEach(([name, colour], i) => {
      if ((i === TYPES.length || still) && counts[i] === 0) return;
      const li = el("li");
      const sw = el("span", null, { class: "swatch" });
      sw.style.background = colour;
      li.append(sw, el("span", `${typeName(name)} (${counts[i]})`));
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
    addEventLayers(dominantColour());
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
    let range = L.noDated;
    if (dates.length) {
      const a = Math.min(Number(from.value), Number(to.value));
      const b = Math.max(Number(from.value), Number(to.value));
      // Isolated left to right, so Arabic text around them does not reorder their digits.
      range = `\u2066${dates[a]} – ${dates[b]}\u2069`;
      document.getElementById("date-from-label").textContent = dates[Number(from.value)];
      document.getElementById("date-to-label").textContent = dates[Number(to.value)];
    }
    const n = large ? selectedPeriods().reduce((k, p) => k + p.count, 0) : features.length;
    s.textContent = L.status(n, total, range);
  }

  function applyFilter() {
    if (large) {
      status();
      renderLegend();
      aggregate();
      return;
    }
    const features = selected();
    status(features);
    renderLegend(features);
    // setData rebuilds the source's cluster index from the filtered events only.
    map.getSource("events").setData({ type: "FeatureCollection", features });
    renderList();
  }

  // ---- the list of events ----------------------------------------------------------------
  // The events of the date range that lie in the view, newest first: date, type, place, toll
  // and sources. Choosing one (click, or Enter/Space on its button) flies to it and opens
  // its popup.
  let chosenId = null;

  function listItem(f) {
    const p = f.properties;
    const button = el("button", null, { type: "button", class: "event-item" });
    if (p.event_id === chosenId) button.setAttribute("aria-current", "true");
    const head = el("span", null, { class: "line" });
    const sw = el("span", null, { class: "swatch" });
    sw.style.background = p.t < TYPES.length ? TYPES[p.t][1] : OTHER_COLOUR;
    head.append(sw, el("span", p.date || L.unknown, { class: "when" }), el("span", typeName(p.event_type), { class: "what" }));
    const place = arabic ? p.location_ar || p.location : p.location || p.location_ar;
    const where = el("span", place, { class: "where" });
    if (arabic || !p.location) where.setAttribute("lang", "ar");
    const outlets = p.sources.map((x) => x.outlet || x.article_id).join(arabic ? "، " : ", ");
    button.append(head, el("span", null, { class: "line" }));
    button.lastChild.append(where, el("span", L.toll(p.fatalities, p.injured), { class: "toll" }));
    button.append(el("span", outlets, { class: "source" }));
    button.addEventListener("click", () => choose(p.event_id, true));
    const li = el("li");
    li.append(button);
    return li;
  }

  function renderList() {
    const ol = document.getElementById("events-list");
    if (large) {
      ol.replaceChildren(el("li", L.listLarge));
      return;
    }
    const bounds = map.getBounds();
    const shown = selected().filter((f) => bounds.contains(f.geometry.coordinates));
    shown.sort((a, b) => (b.properties.date || "").localeCompare(a.properties.date || ""));
    ol.replaceChildren(...(shown.length ? shown.map(listItem) : [el("li", L.listEmpty)]));
    document.documentElement.dataset.listed = String(shown.length);
  }

  /** Opens an event's popup and marks it in the list; `fly` first brings it into view. */
  function choose(id, fly) {
    const f = all.find((g) => g.properties.event_id === id);
    if (!f) return;
    chosenId = id;
    if (fly) readerMoved = true;
    if (fly) map.flyTo({ center: f.geometry.coordinates, zoom: Math.max(map.getZoom(), 10) });
    openPopup(f);
    renderList();
  }

  // ---- a large map: events from the tiles ----------------------------------------------
  const CELL = 60; // pixels: clusters closer than this on the screen are shown as one
  let shownCount = 0;
  let lastShown = "";

  function addTiles() {
    const protocol = new pmtiles.Protocol();
    maplibregl.addProtocol("pmtiles", protocol.tile);
    const url = new URL(data.tiles.url, location.href).href;
    map.addSource("tiles", {
      type: "vector", tiles: [`pmtiles://${url}/{z}/{x}/{y}`],
      minzoom: data.tiles.minzoom, maxzoom: data.tiles.maxzoom,
    });
    // Not drawn: it makes the map load the tiles the view needs, which aggregate() reads.
    map.addLayer({
      id: "tiles-load", type: "circle", source: "tiles", "source-layer": "events",
      paint: { "circle-opacity": 0, "circle-stroke-opacity": 0, "circle-radius": 1 },
    });
    map.addSource("events", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
    addEventLayers(CLUSTER_COLOUR);
  }

  /** The layers of the "events" source: clusters in `clusterColour`, events by type. */
  function addEventLayers(clusterColour) {
    map.addLayer({
      id: "clusters", type: "circle", source: "events", filter: ["has", "point_count"],
      paint: {
        "circle-color": clusterColour,
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

  function abbreviate(n) {
    return n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
  }

  /** A feature's point: a road's middle vertex (roads are lines at the top zoom). */
  function pointOf(g) {
    if (g.type === "Point") return g.coordinates;
    const line = g.type === "LineString" ? g.coordinates : g.type === "MultiLineString" ? g.coordinates[0] : null;
    return line && line.length ? line[Math.floor(line.length / 2)] : null;
  }

  /** The tiles' features in the view and the date range, each counted once (a feature near
   *  a tile's edge is in several tiles), summed per screen cell below the top zoom; drawn
   *  through the `events` source. */
  function aggregate() {
    const keep = new Set(selectedPeriods().map((p) => p.period));
    const bounds = map.getBounds();
    const top = map.getZoom() >= data.tiles.maxzoom;
    const seen = new Set();
    const cells = new Map();
    const out = [];
    let count = 0;
    for (const f of map.querySourceFeatures("tiles", { sourceLayer: "events" })) {
      const p = f.properties;
      if (!keep.has(p.period === undefined ? "" : p.period)) continue;
      const at = pointOf(f.geometry);
      if (!at) continue;
      const key = p.cluster
        ? (p.merged ? `m${p.period}/${at}` : `c${p.period}/${p.cluster_id}`)
        : p.event_id !== undefined ? `e${p.event_id}` : `r${f.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!bounds.contains(at)) continue;
      const n = p.cluster ? p.point_count : 1;
      count += n;
      const type = p.event_type || TYPE_OF_SUB[p.sub_event_type] || "";
      if (top && !p.cluster) {
        out.push({ type: "Feature", geometry: { type: "Point", coordinates: at },
          properties: { ...p, t: typeIndex(type), fatalities: p.fatalities || 0 } });
        continue;
      }
      const px = map.project(at);
      const cell = `${Math.floor(px.x / CELL)},${Math.floor(px.y / CELL)}`;
      const c = cells.get(cell) || { n: 0, dead: 0, x: 0, y: 0, one: null };
      c.one = c.n === 0 && !p.cluster ? { ...p, t: typeIndex(type) } : null;
      c.n += n;
      c.dead += p.fatalities || 0;
      c.x += at[0] * n;
      c.y += at[1] * n;
      cells.set(cell, c);
    }
    for (const [cell, c] of cells) {
      const coordinates = [c.x / c.n, c.y / c.n];
      const properties = c.one
        ? { ...c.one, fatalities: c.dead }
        : { cluster: true, cluster_id: `${cell}:${c.n}`, point_count: c.n, point_count_abbreviated: abbreviate(c.n), fatalities: c.dead };
      out.push({ type: "Feature", geometry: { type: "Point", coordinates }, properties });
    }
    shownCount = count;
    // Only a change is drawn: drawing makes the map idle again, which calls this again.
    const text = JSON.stringify(out);
    if (text !== lastShown) {
      lastShown = text;
      map.getSource("events").setData({ type: "FeatureCollection", features: out });
    }
  }

  /** A large map's popup: the attributes the tiles' top zoom carries. */
  function tilePopupContent(p) {
    const box = el("div", null, { class: "popup" });
    const type = p.event_type || TYPE_OF_SUB[p.sub_event_type] || "";
    box.append(el("h2", p.sub_event_type ? `${typeName(type)}: ${p.sub_event_type}` : typeName(type)));
    const dl = el("dl");
    row(dl, L.date, p.event_date || L.unknown);
    placeRows(dl, p);
    row(dl, L.dead, p.fatalities);
    row(dl, L.injured, p.injured === undefined ? L.notReported : p.injured);
    row(dl, L.actor1, p.actor1);
    row(dl, L.actor2, p.actor2);
    row(dl, L.reports, p.source_count);
    row(dl, L.event, p.event_id);
    box.append(dl);
    box.append(el("p", L.tilesNote));
    return box;
  }

  function bindTileClicks() {
    map.on("click", "clusters", (e) => {
      map.easeTo({ center: e.features[0].geometry.coordinates, zoom: Math.min(map.getZoom() + 2, data.tiles.maxzoom) });
    });
    map.on("click", "points", (e) => {
      const f = e.features[0];
      if (f.properties.event_id === undefined) {
        // Below the top zoom a lone event carries only its type and dead: zoom in to it.
        map.easeTo({ center: f.geometry.coordinates, zoom: data.tiles.maxzoom });
        return;
      }
      new maplibregl.Popup({ maxWidth: "360px" })
        .setLngLat(f.geometry.coordinates)
        .setDOMContent(tilePopupContent(f.properties))
        .addTo(map);
    });
    for (const layer of ["clusters", "points"]) {
      map.on("mouseenter", layer, () => { map.getCanvas().style.cursor = "pointer"; });
      map.on("mouseleave", layer, () => { map.getCanvas().style.cursor = ""; });
    }
  }

  // ---- popups ----------------------------------------------------------------------------
  /** A side and its associated actors ("Military Forces of Syria; NDF"), as ACLED lists them. */
  function withAllies(actor, allies) {
    return [actor, allies].filter(Boolean).join("; ") || null;
  }

  function row(dl, term, value, attrs) {
    if (value === null || value === undefined || value === "") return;
    dl.append(el("dt", term), el("dd", value, attrs));
  }

  /** The place in English and Arabic, the page's language first. */
  function placeRows(dl, p) {
    const ar = ["المكان", p.location_ar, { dir: "rtl", lang: "ar" }];
    const en = [arabic ? "Place" : L.place, p.location, { dir: "ltr", lang: "en" }];
    for (const r of arabic ? [ar, en] : [en, ar]) row(dl, ...r);
  }

  function popupContent(p) {
    const box = el("div", null, { class: "popup" });
    box.append(el("h2", p.sub_event_type ? `${typeName(p.event_type)}: ${p.sub_event_type}` : typeName(p.event_type)));
    const dl = el("dl");
    row(dl, L.date, p.date || L.unknown);
    placeRows(dl, p);
    row(dl, L.asWritten, p.location_text, { dir: "rtl", lang: "ar" });
    row(dl, L.region, p.admin1);
    let dead = String(p.fatalities);
    if (p.fatalities_low !== null && p.fatalities_high !== null && p.fatalities_low !== p.fatalities_high) {
      dead += L.reportRange(p.fatalities_low, p.fatalities_high);
    }
    row(dl, L.dead, dead);
    row(dl, L.injured, p.injured === null ? L.notReported : p.injured);
    row(dl, L.actor1, withAllies(p.actor1, p.assoc_actor_1));
    row(dl, L.actor2, withAllies(p.actor2, p.assoc_actor_2));
    box.append(dl);
    box.append(el("h3", L.sources));
    const ul = el("ul", null, { class: "sources" });
    for (const s of p.sources) {
      const li = el("li");
      const name = s.outlet || s.article_id;
      const href = safeHref(s.url);
      if (href) {
        li.append(el("a", name, { href, target: "_blank", rel: "noopener noreferrer nofollow" }));
      } else {
        li.append(el("span", name));
        if (s.url) li.append(el("span", L.noAddress));
      }
      ul.append(li);
    }
    box.append(ul);
    for (const text of p.evidence) box.append(el("p", text, { class: "evidence", dir: "rtl", lang: "ar" }));
    return box;
  }

  function openPopup(feature) {
    new maplibregl.Popup({ maxWidth: "min(360px, 90vw)" })
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
      choose(e.features[0].properties.event_id, false);
    });
    for (const layer of ["clusters", "points"]) {
      map.on("mouseenter", layer, () => { map.getCanvas().style.cursor = "pointer"; });
      map.on("mouseleave", layer, () => { map.getCanvas().style.cursor = ""; });
    }
  }

  /** `#event=ID` in the address opens that event's popup: a link to one event. A broken
   *  escape (`%E0%A4%A`) is read as it is written rather than thrown. */
  function openFromHash() {
    const m = /^#event=(.+)$/.exec(location.hash);
    if (!m) return;
    let id = m[1];
    try {
      id = decodeURIComponent(id);
    } catch (e) {
      // Not an escape: no event id has it decoded, so the raw text is tried.
    }
    choose(id, false);
  }

  // ---- the PNG button ---------------------------------------------------------------------
  /** Saves the view as PNG: the map's canvas (grabbed while a frame is drawn, so WebGL's
   *  buffer still holds it), the HTML labels (places, cluster counts) where they stand, the
   *  title above and the credit below. */
  function savePng() {
    map.once("render", () => {
      try {
        const src = map.getCanvas();
        const k = src.width / src.clientWidth;
        const head = 44 * k;
        const foot = 24 * k;
        const c = el("canvas");
        c.width = src.width;
        c.height = src.height + head + foot;
        const g = c.getContext("2d");
        g.fillStyle = "#fff";
        g.fillRect(0, 0, c.width, c.height);
        g.drawImage(src, 0, head);
        const box = map.getContainer().getBoundingClientRect();
        g.textAlign = "center";
        g.textBaseline = "middle";
        for (const node of map.getContainer().querySelectorAll(".place-label span, .cluster-label")) {
          const r = node.getBoundingClientRect();
          if (!r.width || r.right < box.left || r.left > box.right || r.bottom < box.top || r.top > box.bottom) continue;
          const cs = getComputedStyle(node);
          g.font = `${cs.fontWeight} ${parseFloat(cs.fontSize) * k}px ${cs.fontFamily}`;
          const x = (r.left + r.width / 2 - box.left) * k;
          const y = (r.top + r.height / 2 - box.top) * k + head;
          const cluster = node.classList.contains("cluster-label");
          g.lineWidth = 3 * k;
          g.strokeStyle = cluster ? "rgba(0,0,0,0.6)" : "#fff";
          g.strokeText(node.textContent, x, y);
          g.fillStyle = cs.color;
          g.fillText(node.textContent, x, y);
        }
        g.direction = arabic ? "rtl" : "ltr";
        g.textAlign = "start";
        g.textBaseline = "alphabetic";
        const x0 = arabic ? c.width - 12 * k : 12 * k;
        g.fillStyle = "#222";
        g.font = `bold ${18 * k}px system-ui, sans-serif`;
        g.fillText(baseTitle, x0, 29 * k);
        g.fillStyle = "#444";
        g.font = `${12 * k}px system-ui, sans-serif`;
        g.fillText(data.credit || "badia", x0, c.height - 8 * k);
        const a = el("a", null, { href: c.toDataURL("image/png"), download: "map.png" });
        document.body.append(a);
        a.click();
        a.remove();
      } catch (e) {
        // A base map from another host without CORS taints the canvas.
        document.getElementById("status").textContent = L.pngFailed(e.message);
      }
    });
    map.triggerRepaint();
  }

  // What the page's security policy blocked (a base map whose style loads from other hosts,
  // say) is said in the panel and kept on <html data-blocked> rather than failing silently.
  document.addEventListener("securitypolicyviolation", (e) => {
    const what = `${e.effectiveDirective} ${e.blockedURI || "inline"}`;
    document.documentElement.dataset.blocked = what;
    document.getElementById("status").textContent = L.blocked(what);
  });

  // The still image's title box covers the top of the map: keep the events below it.
  const FIT = { padding: still ? { top: 110, bottom: 50, left: 40, right: 40 } : 40, maxZoom: 10 };
  // Until the reader moves the map, it keeps the events fitted when its box changes size (a
  // phone turned, an iframe resized, a scroll bar appearing).
  let readerMoved = false;

  function start(mapStyle) {
    map = new maplibregl.Map({
      container: "map",
      style: mapStyle,
      bounds: data.bounds,
      fitBoundsOptions: FIT,
      attributionControl: { compact: true, customAttribution: "badia" },
    });
    // Controls on the side away from the panel.
    if (!still) map.addControl(new maplibregl.NavigationControl(), arabic ? "top-left" : "top-right");
    map.addControl(new maplibregl.ScaleControl(), arabic ? "bottom-left" : "bottom-right");
    map.on("movestart", (e) => { if (e.originalEvent) readerMoved = true; });
    // A size fitted once is not fitted again: a layout that swings between two sizes (the
    // list under the map on a phone changing with the view) would otherwise refit forever.
    const fitted = new Set();
    map.on("resize", () => {
      const c = map.getContainer();
      const size = `${c.clientWidth}x${c.clientHeight}`;
      if (readerMoved || fitted.has(size)) return;
      fitted.add(size);
      map.fitBounds(data.bounds, { ...FIT, animate: false });
    });

    map.on("error", (e) => {
      const msg = e && e.error ? e.error.message : "unknown error";
      document.getElementById("status").textContent = L.mapError(msg);
    });

    map.on("load", () => {
      if (large) {
        addContext();
        addTiles();
        applyFilter();
        bindTileClicks();
        map.on("render", updateClusterLabels);
        map.on("idle", () => {
          aggregate();
          setTitle(shownCount);
        });
        for (const input of [from, to, undated]) input.addEventListener("input", applyFilter);
        renderList();
        return;
      }
      addContext();
      addEvents(selected());
      applyFilter();
      bindClicks();
      map.on("render", updateClusterLabels);
      map.on("idle", () => setTitle(renderedCount()));
      map.on("moveend", renderList);
      for (const input of [from, to, undated]) input.addEventListener("input", applyFilter);
      window.addEventListener("hashchange", openFromHash);
      openFromHash();
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
