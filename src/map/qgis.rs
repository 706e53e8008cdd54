//! The map folder's QGIS project, `badia.qgs`: the GeoPackage's layers styled as their default
//! style is (categorised by type, sized by fatalities, temporal on `event_date`), the
//! gazetteer's places labelled in English and Arabic (`places.geojson`), the vector tiles
//! (`events.mbtiles`, off at first: the same events, for very large maps), and the project's
//! time range set to the events' first and last days, so QGIS's temporal controller animates
//! them (a day, a week or a month at a time, by the range's length). The range is in local
//! time, as QGIS reads an event's day. Paths are relative, so the folder can be moved.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::page::escape_html as xml;
use crate::geodesy::mercator_metres;
use crate::model::{Event, EventType};
use crate::output::gpkg::{EVENTS_TABLE, ROADS_TABLE};
use crate::output::style::{self, Symbol};

/// The files the project reads, beside it.
pub const GPKG_FILE: &str = "events.gpkg";
pub const PLACES_FILE: &str = "places.geojson";
pub const MBTILES_FILE: &str = "events.mbtiles";
/// The project's own name in the folder.
pub const PROJECT_FILE: &str = "badia.qgs";

/// The page's cluster colour, for the events in the vector tiles.
const TILE_EVENT_COLOUR: &str = "#6b5b4b";
/// Places and the outline: the page's muted browns.
const PLACE_COLOUR: &str = "#786e5f";
const OUTLINE_COLOUR: &str = "#8a7f6a";

/// What the project needs to know of the events.
struct Facts {
    /// The event types of all events and of those on roads, as the styles' categories.
    types: Vec<EventType>,
    road_types: Vec<EventType>,
    /// West, south, east, north of the events' points and lines.
    extent: Option<[f64; 4]>,
    /// The first and last dated days.
    days: Option<(NaiveDate, NaiveDate)>,
}

impl Facts {
    fn of(events: &[Event]) -> Facts {
        let mut types = BTreeSet::new();
        let mut road_types = BTreeSet::new();
        let mut extent: Option<[f64; 4]> = None;
        let mut days: Option<(NaiveDate, NaiveDate)> = None;
        for e in events.iter().filter(|e| !e.coords.is_empty()) {
            types.insert(e.event_type);
            if e.coords.len() > 1 {
                road_types.insert(e.event_type);
            }
            for p in &e.coords {
                let b = extent.get_or_insert([p[0], p[1], p[0], p[1]]);
                *b = [
                    b[0].min(p[0]),
                    b[1].min(p[1]),
                    b[2].max(p[0]),
                    b[3].max(p[1]),
                ];
            }
            if let Some(d) = e.date {
                let r = days.get_or_insert((d, d));
                *r = (r.0.min(d), r.1.max(d));
            }
        }
        Facts {
            types: style::categories(types),
            road_types: style::categories(road_types),
            extent,
            days,
        }
    }
}

/// The project for a map folder of `events` (written beside its GeoPackage, places and
/// MBTiles), titled `title`.
pub fn project(events: &[Event], title: &str) -> String {
    let facts = Facts::of(events);
    let mut layers = vec![Layer {
        id: "badia_events",
        name: "Events",
        kind: Kind::Gpkg(EVENTS_TABLE, Symbol::Point, &facts.types),
        visible: true,
    }];
    if !facts.road_types.is_empty() {
        layers.push(Layer {
            id: "badia_event_roads",
            name: "Events on roads",
            kind: Kind::Gpkg(ROADS_TABLE, Symbol::Line, &facts.road_types),
            visible: true,
        });
    }
    layers.push(Layer {
        id: "badia_places",
        name: "Places (gazetteer)",
        kind: Kind::Places,
        visible: true,
    });
    layers.push(Layer {
        id: "badia_tiles",
        name: "Vector tiles (events.mbtiles)",
        kind: Kind::Tiles,
        visible: false,
    });
    let tree: String = layers.iter().map(Layer::tree_entry).collect();
    let maplayers: String = layers.iter().map(Layer::maplayer).collect();
    let view = view_extent(facts.extent);
    let [x0, y0, x1, y1] = view;
    let time = facts.days.map_or(String::new(), |(first, last)| {
        let step = time_step(first, last);
        format!(
            "  <ProjectTimeSettings timeStep=\"1\" timeStepUnit=\"{step}\" frameRate=\"1\" \
             cumulativeTemporalRange=\"0\">\n    <TemporalRange>\n      \
             <start>{first}T00:00:00</start>\n      <end>{last}T23:59:59</end>\n    \
             </TemporalRange>\n  </ProjectTimeSettings>\n"
        )
    });
    let title = xml(title);
    format!(
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n\
         <qgis version=\"3.22.0\" projectname=\"{title}\">\n  <homePath path=\"\"/>\n  \
         <title>{title}</title>\n  <projectCrs>{mercator}</projectCrs>\n  \
         <layer-tree-group>\n{tree}  </layer-tree-group>\n  \
         <mapcanvas name=\"theMapCanvas\" annotationsVisible=\"1\">\n    <units>meters</units>\n    \
         <extent><xmin>{x0}</xmin><ymin>{y0}</ymin><xmax>{x1}</xmax><ymax>{y1}</ymax></extent>\n    \
         <rotation>0</rotation>\n    <destinationsrs>{mercator}</destinationsrs>\n  </mapcanvas>\n  \
         <projectlayers>\n{maplayers}  </projectlayers>\n  \
         <properties>\n    <Paths><Absolute type=\"bool\">false</Absolute></Paths>\n    \
         <SpatialRefSys><ProjectionsEnabled type=\"int\">1</ProjectionsEnabled></SpatialRefSys>\n  \
         </properties>\n  \
         <ProjectViewSettings UseProjectScales=\"0\" rotation=\"0\">\n    \
         <DefaultViewExtent xmin=\"{x0}\" ymin=\"{y0}\" xmax=\"{x1}\" ymax=\"{y1}\">{mercator}</DefaultViewExtent>\n  \
         </ProjectViewSettings>\n{time}</qgis>\n",
        mercator = srs("EPSG:3857"),
    )
}

/// The animation's step (QGIS's unit code): a day over up to three months, a week over up
/// to two years, else a month, so that playing the range takes minutes, not hours.
fn time_step(first: NaiveDate, last: NaiveDate) -> &'static str {
    let days = (last - first).num_days();
    if days <= 92 {
        "d"
    } else if days <= 731 {
        "wk"
    } else {
        "mon"
    }
}

/// A CRS as QGIS records one (it reads the PROJ string and ids; the WKT is optional).
fn srs(authid: &str) -> String {
    let (proj4, srsid, srid, description, acronym, geographic) = match authid {
        "EPSG:4326" => (
            "+proj=longlat +datum=WGS84 +no_defs",
            3452,
            4326,
            "WGS 84",
            "longlat",
            true,
        ),
        _ => (
            "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m \
             +nadgrids=@null +wktext +no_defs",
            3857,
            3857,
            "WGS 84 / Pseudo-Mercator",
            "merc",
            false,
        ),
    };
    format!(
        "<spatialrefsys><wkt></wkt><proj4>{proj4}</proj4><srsid>{srsid}</srsid>\
         <srid>{srid}</srid><authid>EPSG:{srid}</authid><description>{description}</description>\
         <projectionacronym>{acronym}</projectionacronym>\
         <ellipsoidacronym>EPSG:7030</ellipsoidacronym>\
         <geographicflag>{geographic}</geographicflag></spatialrefsys>"
    )
}

/// The view: the events' extent with a margin (Syria's east when there is none), in Web
/// Mercator metres.
fn view_extent(extent: Option<[f64; 4]>) -> [f64; 4] {
    let [w, s, e, n] = extent.unwrap_or([35.7, 32.3, 42.4, 37.3]);
    let margin = ((e - w).max(n - s) * 0.1).max(0.2);
    let (x0, y0) = mercator_metres(w - margin, s - margin);
    let (x1, y1) = mercator_metres(e + margin, n + margin);
    let round = |v: f64| v.round();
    [round(x0), round(y0), round(x1), round(y1)]
}

enum Kind<'a> {
    /// A table of the GeoPackage, styled as its default style, with its types.
    Gpkg(&'static str, Symbol, &'a [EventType]),
    Places,
    Tiles,
}

struct Layer<'a> {
    id: &'static str,
    name: &'static str,
    kind: Kind<'a>,
    visible: bool,
}

impl Layer<'_> {
    fn source(&self) -> (String, &'static str) {
        match self.kind {
            Kind::Gpkg(table, ..) => (format!("./{GPKG_FILE}|layername={table}"), "ogr"),
            Kind::Places => (format!("./{PLACES_FILE}"), "ogr"),
            Kind::Tiles => (format!("type=mbtiles&url=./{MBTILES_FILE}"), "vectortile"),
        }
    }

    fn tree_entry(&self) -> String {
        let (source, provider) = self.source();
        let checked = if self.visible {
            "Qt::Checked"
        } else {
            "Qt::Unchecked"
        };
        format!(
            "    <layer-tree-layer id=\"{}\" name=\"{}\" source=\"{}\" providerKey=\"{provider}\" \
             checked=\"{checked}\" expanded=\"1\"/>\n",
            self.id,
            self.name,
            xml(&source)
        )
    }

    fn maplayer(&self) -> String {
        let (source, provider) = self.source();
        let (head, crs, style) = match self.kind {
            Kind::Gpkg(_, symbol, types) => {
                let geometry = match symbol {
                    Symbol::Point => "type=\"vector\" geometry=\"Point\" wkbType=\"Point\"",
                    Symbol::Line => "type=\"vector\" geometry=\"Line\" wkbType=\"LineString\"",
                };
                (geometry, "EPSG:4326", style::qml_body(symbol, types))
            }
            Kind::Places => (
                "type=\"vector\" geometry=\"Point\" wkbType=\"Point\" labelsEnabled=\"1\"",
                "EPSG:4326",
                places_style(),
            ),
            Kind::Tiles => ("type=\"vector-tile\"", "EPSG:3857", tiles_style()),
        };
        let encoding = if provider == "ogr" {
            " encoding=\"UTF-8\""
        } else {
            ""
        };
        format!(
            "    <maplayer {head}>\n      <id>{}</id>\n      <datasource>{}</datasource>\n      \
             <layername>{}</layername>\n      <srs>{}</srs>\n      \
             <provider{encoding}>{provider}</provider>\n{style}    </maplayer>\n",
            self.id,
            xml(&source),
            self.name,
            srs(crs)
        )
    }
}

/// Small dots labelled with the English name over the Arabic one.
fn places_style() -> String {
    let symbol = style::symbol_xml(Symbol::Point, "0", PLACE_COLOUR, 1.6, None);
    format!(
        "  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" \
         forceraster=\"0\" referencescale=\"-1\">\n    <symbols>\n{symbol}    </symbols>\n  \
         </renderer-v2>\n  <labeling type=\"simple\">\n    <settings>\n      \
         <text-style fieldName=\"{}\" isExpression=\"1\" fontSize=\"8\" fontSizeUnit=\"Point\" \
         textColor=\"60,55,48,255\" textOpacity=\"1\" multilineHeight=\"1\">\n        \
         <text-buffer bufferDraw=\"1\" bufferSize=\"0.8\" bufferSizeUnits=\"MM\" \
         bufferColor=\"255,255,255,255\" bufferOpacity=\"0.8\"/>\n      </text-style>\n      \
         <text-format multilineAlign=\"3\" wrapChar=\"\"/>\n      \
         <placement placement=\"6\" dist=\"1\" distUnits=\"MM\" priority=\"5\"/>\n      \
         <rendering obstacle=\"1\" drawLabels=\"1\" scaleVisibility=\"0\" displayAll=\"0\"/>\n    \
         </settings>\n  </labeling>\n",
        xml("concat(\"name_en\", '\\n', \"name_ar\")")
    )
}

/// The tiles' layers: the outline as a dashed line, events as dots and roads as lines in the
/// page's cluster colour, places as small dots.
fn tiles_style() -> String {
    let style = |name: &str, layer: &str, geometry: u8, symbol: String| {
        format!(
            "      <style name=\"{name}\" layer=\"{layer}\" geometry=\"{geometry}\" enabled=\"1\" \
             expression=\"\" min-zoom=\"-1\" max-zoom=\"-1\">\n        <symbols>\n{symbol}        \
             </symbols>\n      </style>\n"
        )
    };
    let styles = [
        style(
            "Outline",
            "outline",
            1,
            style::symbol_xml(Symbol::Line, "0", OUTLINE_COLOUR, 0.5, None),
        ),
        style(
            "Places",
            "places",
            0,
            style::symbol_xml(Symbol::Point, "0", PLACE_COLOUR, 1.4, None),
        ),
        style(
            "Events on roads",
            "events",
            1,
            style::symbol_xml(Symbol::Line, "0", TILE_EVENT_COLOUR, 1.0, None),
        ),
        style(
            "Events",
            "events",
            0,
            style::symbol_xml(Symbol::Point, "0", TILE_EVENT_COLOUR, 3.0, None),
        ),
    ];
    format!(
        "  <renderer type=\"basic\">\n    <styles>\n{}    </styles>\n  </renderer>\n",
        styles.concat()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_escaped_and_the_time_is_the_events_days() {
        let day = |d| NaiveDate::from_ymd_opt(2024, 3, d);
        let mk = |date, coords| Event {
            date,
            event_type: EventType::Battles,
            coords,
            ..Event::default()
        };
        let events = [
            mk(day(9), vec![[38.0, 35.0]]),
            mk(None, vec![[39.0, 34.0], [39.5, 34.2]]),
            mk(day(2), vec![[38.5, 35.1]]),
        ];
        let qgs = project(&events, "<Badia> & co");
        assert!(qgs.contains("<title>&lt;Badia&gt; &amp; co</title>"));
        assert!(qgs.contains("<start>2024-03-02T00:00:00</start>"), "{qgs}");
        assert!(qgs.contains("<end>2024-03-09T23:59:59</end>"));
        assert!(qgs.contains("layername=event_roads"));
        // No dated event: no time range; no road: no roads layer.
        let qgs = project(
            &events[1..2]
                .iter()
                .map(|e| Event {
                    coords: vec![[39.0, 34.0]],
                    ..e.clone()
                })
                .collect::<Vec<_>>(),
            "t",
        );
        assert!(!qgs.contains("ProjectTimeSettings"));
        assert!(!qgs.contains("event_roads"));
    }
}
