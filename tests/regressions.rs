//! Inputs that once broke a law of `tests/laws`, found by the fuzz targets and property tests,
//! kept as tests named after what broke.

use badia::gazetteer::{parse_csv, Gazetteer, COLUMNS};
use badia::ingest::from_text;
use badia::pipeline::Extractor;

mod laws;

fn gazetteer(rows: &str) -> Gazetteer {
    let csv = format!("{}\n{rows}", COLUMNS.join(","));
    let (places, errors) = parse_csv(csv.as_bytes()).unwrap();
    laws::gazetteer_rows_are_sound(&places, &errors);
    Gazetteer::new(places)
}

/// A hand-edited longitude of 536.95 (fuzz target `gazetteer`) loaded, and the event at that
/// place had a point off the globe. The loader now refuses it, as `gazetteer check` does.
#[test]
fn gazetteer_longitude_beyond_180_is_a_bad_row() {
    let csv = format!(
        "{}\ngeonames:7681865,بيت غازي,Bayt Ghazi,Bayt Ghāzī,36.1963,536.95184,village,\
         Aleppo,Mount Simeon,,,WOF/GeoNames\n",
        COLUMNS.join(",")
    );
    let (places, errors) = parse_csv(csv.as_bytes()).unwrap();
    assert!(places.is_empty());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 2);
    assert!(errors[0].message.contains("lon `536.95184`"), "{errors:?}");
}

/// A place at latitude 90 (property test `gazetteer_rows_that_load_are_places`): "east of X"
/// divided by cos 90° and gave a longitude of 1.4e15.
#[test]
fn an_offset_beside_a_pole_stays_on_the_globe() {
    let extractor = Extractor::new(gazetteer("x:1,تدمر,Name,,90,-180,town,Homs,,12,,test\n"));
    let article = from_text(
        "pole.txt",
        "pole.txt",
        "قتل 3 عناصر بهجوم لداعش في ريف تدمر الشرقي.\n",
    );
    let events = laws::extraction_is_sound(&extractor, &article);
    assert!(!events.is_empty());
}

/// A road row with no coordinate and no known ends (property test
/// `gazetteer_rows_that_load_are_places`) became an event at [NaN, NaN].
#[test]
fn a_road_without_geometry_gives_no_event() {
    let extractor = Extractor::new(gazetteer(
        "x:1,طريق الصالحية,Name,الصالحية,,,road,Homs,,12,x:8|x:9,test\n",
    ));
    let article = from_text(
        "road.txt",
        "road.txt",
        "قتل 3 عناصر بهجوم لداعش في ريف الصالحية الشرقي.\n",
    );
    let events = laws::extraction_is_sound(&extractor, &article);
    assert!(events.is_empty(), "{events:?}");
}

/// A carriage return and NUL bytes inside the header (fuzz target `gazetteer`): the header
/// ends at the carriage return, the rest of its line is read as a bad row on line 1, and the
/// rows after it still load.
#[test]
fn a_carriage_return_inside_the_gazetteer_header() {
    let csv = "id,name_ar,name_en,alt_names,lat,lon,kind,admin1,adm\r\0\0\0in2,population,ends,\
               source\ngeonames:164838,سنكري الشمالي,Sankari ash Shamali,,34.80948,37.13566,\
               village,Homs,Al-Mukharram,,,WOF/GeoNames\n";
    let (places, errors) = parse_csv(csv.as_bytes()).unwrap();
    laws::gazetteer_rows_are_sound(&places, &errors);
    assert_eq!(places.len(), 1);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 1);
    let report = badia::gazetteer::check::check_csv(csv.as_bytes(), "g.csv").unwrap();
    assert!(
        report.errors.iter().any(|d| d.line == Some(1)),
        "{:?}",
        report.errors
    );
}
