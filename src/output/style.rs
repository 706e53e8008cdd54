//! The events' default style for GIS: QGIS's QML and OGC's SLD (Symbology Encoding 1.1),
//! categorised by `event_type` in the web map's colours (`TYPES` in `web/map.js`, which a test
//! holds this table to), points sized by `fatalities`. The GeoPackage stores both in its
//! `layer_styles` table, which QGIS applies when it opens the layer; the QML also makes the
//! layer temporal on `event_date`, so QGIS's temporal controller animates it.

use crate::map::page::escape_html as xml;
use crate::model::EventType;

/// ACLED's event types and their colours on the web map, in its legend's order (`TYPES` in
/// `web/map.js`).
pub const TYPE_COLOURS: [(EventType, &str); 6] = [
    (EventType::Battles, "#D55E00"),
    (EventType::ExplosionsRemoteViolence, "#E69F00"),
    (EventType::ViolenceAgainstCivilians, "#CC79A7"),
    (EventType::StrategicDevelopments, "#0072B2"),
    (EventType::Protests, "#009E73"),
    (EventType::Riots, "#56B4E9"),
];

/// The web map's colour for a type outside ACLED's codebook (GeoJSON edited by hand).
pub const OTHER_COLOUR: &str = "#777777";

/// A point's diameter in millimetres: from `SIZE_MM.0` with no dead to `SIZE_MM.1` at
/// `SIZE_FULL_AT` dead or more (the web map's circles grow the same way, 6 to 12 pixels of
/// radius over 0 to 20 dead).
const SIZE_MM: (f64, f64) = (3.0, 6.0);
const SIZE_FULL_AT: u32 = 20;

/// A road's line width in millimetres.
const LINE_MM: f64 = 1.2;

/// What a layer's features are drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbol {
    /// Circles sized by fatalities.
    Point,
    /// Lines of one width.
    Line,
}

/// The web map's colour of an event type (`#RRGGBB`).
pub fn colour_of(event_type: EventType) -> &'static str {
    TYPE_COLOURS
        .iter()
        .find(|(t, _)| *t == event_type)
        .map_or(OTHER_COLOUR, |(_, c)| c)
}

/// The position of an event type in the web map's legend ([`TYPE_COLOURS`]).
pub fn legend_position(event_type: EventType) -> usize {
    TYPE_COLOURS
        .iter()
        .position(|(t, _)| *t == event_type)
        .unwrap_or(TYPE_COLOURS.len())
}

/// The categories of a layer of events of these types: each type once, in the alphabetical
/// order of ACLED's spelling.
pub fn categories(types: impl IntoIterator<Item = EventType>) -> Vec<EventType> {
    let mut types: Vec<EventType> = types.into_iter().collect();
    types.sort_unstable_by_key(|t| t.as_str());
    types.dedup();
    types
}

/// `#RRGGBB` as QGIS writes colours: `r,g,b,255`.
fn qgis_rgba(hex: &str) -> String {
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("77"), 16).unwrap_or(0x77);
    format!("{},{},{},255", byte(1), byte(3), byte(5))
}

/// QGIS's expression for a point's diameter.
fn size_expression() -> String {
    format!(
        "scale_linear(coalesce(\"fatalities\", 0), 0, {SIZE_FULL_AT}, {}, {})",
        SIZE_MM.0, SIZE_MM.1
    )
}

/// When an event happens for QGIS's temporal controller: its whole day, `event_date` to the
/// next midnight, local time (as the project's range is). Expressions rather than QGIS's
/// "date from field" mode, whose filter the GeoPackage compares as text ('2021-06-08' sorts
/// before '2021-06-08T00:00:00'), which showed each event in the frame before its day too;
/// QGIS evaluates these itself. Undated events are not animated.
pub const TIME_START: &str = "to_datetime(\"event_date\")";
pub const TIME_END: &str = "to_datetime(\"event_date\") + to_interval('1 day')";

/// The QGIS style (QML) of a layer: one category per event type in `types` (in that order),
/// temporal on `event_date` (each event shown for its day).
pub fn qml(symbol: Symbol, types: &[EventType]) -> String {
    format!(
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n\
         <qgis version=\"3.22.0\" styleCategories=\"AllStyleCategories\">\n{}</qgis>\n",
        qml_body(symbol, types)
    )
}

/// The elements of [`qml`] inside its `<qgis>` element, which a QGIS project's layer holds
/// as they are.
pub fn qml_body(symbol: Symbol, types: &[EventType]) -> String {
    let mut out = format!(
        "\x20 <temporal enabled=\"1\" mode=\"4\" startField=\"\" endField=\"\" \
         durationField=\"\" startExpression=\"{}\" endExpression=\"{}\" fixedDuration=\"0\" \
         durationUnit=\"d\" accumulate=\"0\" limitMode=\"0\">\n\
         \x20   <fixedRange><start></start><end></end></fixedRange>\n\
         \x20 </temporal>\n\
         \x20 <renderer-v2 type=\"categorizedSymbol\" attr=\"event_type\" symbollevels=\"0\" \
         enableorderby=\"0\" forceraster=\"0\" referencescale=\"-1\">\n\
         \x20   <categories>\n",
        xml(TIME_START),
        xml(TIME_END)
    );
    for (i, t) in types.iter().enumerate() {
        let t = xml(t.as_str());
        out.push_str(&format!(
            "      <category symbol=\"{i}\" value=\"{t}\" label=\"{t}\" render=\"true\"/>\n"
        ));
    }
    out.push_str("    </categories>\n    <symbols>\n");
    for (i, t) in types.iter().enumerate() {
        out.push_str(&qml_symbol(symbol, &i.to_string(), colour_of(*t)));
    }
    out.push_str(
        "    </symbols>\n  </renderer-v2>\n  <blendMode>0</blendMode>\n  \
         <featureBlendMode>0</featureBlendMode>\n  <layerOpacity>1</layerOpacity>\n",
    );
    out
}

/// One `<symbol>` of a QML renderer.
fn qml_symbol(symbol: Symbol, name: &str, colour: &str) -> String {
    match symbol {
        Symbol::Point => symbol_xml(symbol, name, colour, SIZE_MM.0, Some(size_expression())),
        Symbol::Line => symbol_xml(symbol, name, colour, LINE_MM, None),
    }
}

/// A QML `<symbol>` in `colour` (`#RRGGBB`): a circle `size` mm across (sized by
/// `size_expression` when given), or a line `size` mm wide.
pub(crate) fn symbol_xml(
    symbol: Symbol,
    name: &str,
    colour: &str,
    size: f64,
    size_expression: Option<String>,
) -> String {
    let rgba = qgis_rgba(colour);
    let (kind, class, props, size) = match symbol {
        Symbol::Point => (
            "marker",
            "SimpleMarker",
            vec![
                ("name", "circle".to_string()),
                ("color", rgba),
                ("outline_color", "255,255,255,255".into()),
                ("outline_style", "solid".into()),
                ("outline_width", "0.4".into()),
                ("outline_width_unit", "MM".into()),
                ("scale_method", "diameter".into()),
                ("size", size.to_string()),
                ("size_unit", "MM".into()),
                ("angle", "0".into()),
            ],
            size_expression,
        ),
        Symbol::Line => (
            "line",
            "SimpleLine",
            vec![
                ("line_color", rgba),
                ("line_style", "solid".into()),
                ("line_width", size.to_string()),
                ("line_width_unit", "MM".into()),
                ("capstyle", "round".into()),
                ("joinstyle", "round".into()),
            ],
            None,
        ),
    };
    let mut out = format!(
        "      <symbol type=\"{kind}\" name=\"{name}\" alpha=\"0.9\" clip_to_extent=\"1\" \
         force_rhr=\"0\">\n        <layer class=\"{class}\" enabled=\"1\" locked=\"0\" \
         pass=\"0\">\n          <Option type=\"Map\">\n"
    );
    for (k, v) in &props {
        out.push_str(&format!(
            "            <Option name=\"{k}\" type=\"QString\" value=\"{v}\"/>\n"
        ));
    }
    out.push_str("          </Option>\n");
    // The older form of the same properties, which QGIS still reads.
    for (k, v) in &props {
        out.push_str(&format!("          <prop k=\"{k}\" v=\"{v}\"/>\n"));
    }
    if let Some(expression) = size {
        out.push_str(&format!(
            "          <data_defined_properties>\n            <Option type=\"Map\">\n              \
             <Option name=\"name\" type=\"QString\" value=\"\"/>\n              \
             <Option name=\"properties\" type=\"Map\">\n                \
             <Option name=\"size\" type=\"Map\">\n                  \
             <Option name=\"active\" type=\"bool\" value=\"true\"/>\n                  \
             <Option name=\"expression\" type=\"QString\" value=\"{}\"/>\n                  \
             <Option name=\"type\" type=\"int\" value=\"3\"/>\n                \
             </Option>\n              </Option>\n              \
             <Option name=\"type\" type=\"QString\" value=\"collection\"/>\n            \
             </Option>\n          </data_defined_properties>\n",
            xml(&expression)
        ));
    }
    out.push_str("        </layer>\n      </symbol>\n");
    out
}

/// The same style as SLD 1.1 for other clients (GeoServer, MapServer): one rule per type;
/// a point's size steps with its dead (pixels).
pub fn sld(layer: &str, symbol: Symbol, types: &[EventType]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <StyledLayerDescriptor version=\"1.1.0\" xmlns=\"http://www.opengis.net/sld\" \
         xmlns:se=\"http://www.opengis.net/se\" xmlns:ogc=\"http://www.opengis.net/ogc\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://www.opengis.net/sld \
         http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n\
         \x20 <NamedLayer>\n    <se:Name>{0}</se:Name>\n    <UserStyle>\n      \
         <se:Name>{0}</se:Name>\n      <se:FeatureTypeStyle>\n",
        xml(layer)
    );
    for t in types {
        let colour = colour_of(*t).to_ascii_lowercase();
        let t = xml(t.as_str());
        out.push_str(&format!(
            "        <se:Rule>\n          <se:Name>{t}</se:Name>\n          \
             <ogc:Filter>\n            <ogc:PropertyIsEqualTo>\n              \
             <ogc:PropertyName>event_type</ogc:PropertyName>\n              \
             <ogc:Literal>{t}</ogc:Literal>\n            </ogc:PropertyIsEqualTo>\n          \
             </ogc:Filter>\n"
        ));
        out.push_str(&match symbol {
            Symbol::Point => format!(
                "          <se:PointSymbolizer>\n            <se:Graphic>\n              \
                 <se:Mark>\n                <se:WellKnownName>circle</se:WellKnownName>\n                \
                 <se:Fill><se:SvgParameter name=\"fill\">{colour}</se:SvgParameter></se:Fill>\n                \
                 <se:Stroke><se:SvgParameter name=\"stroke\">#ffffff</se:SvgParameter>\
                 <se:SvgParameter name=\"stroke-width\">1</se:SvgParameter></se:Stroke>\n              \
                 </se:Mark>\n              <se:Size>\n                \
                 <se:Categorize fallbackValue=\"11\">\n                  \
                 <se:LookupValue><ogc:PropertyName>fatalities</ogc:PropertyName></se:LookupValue>\n                  \
                 <se:Value>11</se:Value>\n                  \
                 <se:Threshold>1</se:Threshold><se:Value>14</se:Value>\n                  \
                 <se:Threshold>5</se:Threshold><se:Value>18</se:Value>\n                  \
                 <se:Threshold>{SIZE_FULL_AT}</se:Threshold><se:Value>22</se:Value>\n                \
                 </se:Categorize>\n              </se:Size>\n            </se:Graphic>\n          \
                 </se:PointSymbolizer>\n"
            ),
            Symbol::Line => format!(
                "          <se:LineSymbolizer>\n            <se:Stroke>\n              \
                 <se:SvgParameter name=\"stroke\">{colour}</se:SvgParameter>\n              \
                 <se:SvgParameter name=\"stroke-width\">4</se:SvgParameter>\n              \
                 <se:SvgParameter name=\"stroke-linecap\">round</se:SvgParameter>\n            \
                 </se:Stroke>\n          </se:LineSymbolizer>\n"
            ),
        });
        out.push_str("        </se:Rule>\n");
    }
    out.push_str(
        "      </se:FeatureTypeStyle>\n    </UserStyle>\n  </NamedLayer>\n</StyledLayerDescriptor>\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every event type of the codebook has one colour, and the web map lists them alike:
    /// `TYPES` in map.js is [`TYPE_COLOURS`], pair by pair and in order.
    #[test]
    fn the_colours_are_the_web_maps() {
        for t in EventType::ALL {
            assert_eq!(
                TYPE_COLOURS.iter().filter(|(c, _)| c == t).count(),
                1,
                "{t}"
            );
        }
        let js = crate::map::assets::MAP_JS;
        let listed: String = TYPE_COLOURS
            .iter()
            .map(|(t, c)| format!("\n    [\"{t}\", \"{c}\"],"))
            .collect();
        assert!(
            js.contains(&format!("const TYPES = [{listed}\n  ];")),
            "map.js's TYPES are not {listed}"
        );
        assert!(js.contains(&format!("OTHER_COLOUR = \"{OTHER_COLOUR}\"")));
        assert_eq!(colour_of(EventType::Battles), "#D55E00");
        assert_eq!(legend_position(EventType::StrategicDevelopments), 3);
        assert_eq!(qgis_rgba("#D55E00"), "213,94,0,255");
    }

    #[test]
    fn one_category_per_type_in_alphabetical_order() {
        let types = categories([
            EventType::ViolenceAgainstCivilians,
            EventType::ExplosionsRemoteViolence,
            EventType::Battles,
            EventType::ExplosionsRemoteViolence,
        ]);
        let q = qml(Symbol::Point, &types);
        assert_eq!(q.matches("<category ").count(), 3);
        let first = q.find("value=\"Battles\"").unwrap();
        let second = q.find("value=\"Explosions/Remote violence\"").unwrap();
        let third = q.find("value=\"Violence against civilians\"").unwrap();
        assert!(first < second && second < third, "{q}");
        assert!(q.contains("scale_linear(coalesce(&quot;fatalities&quot;, 0)"));
        assert!(q.contains("startExpression=\"to_datetime(&quot;event_date&quot;)\""));
        let s = sld("events", Symbol::Line, &types);
        assert_eq!(s.matches("<se:Rule>").count(), 3);
        assert!(s.contains("<ogc:Literal>Explosions/Remote violence</ogc:Literal>"));
    }
}
