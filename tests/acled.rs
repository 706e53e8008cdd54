//! The ACLED CSV read back: ACLED's 31 columns in ACLED's order, rows a researcher can append
//! to an ACLED export.

use std::process::Command;

/// ACLED's export columns, in order, as ACLED publishes them.
const ACLED_ORDER: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

fn acled_csv() -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_badia"))
        .args([
            "extract",
            "examples/articles",
            "--format",
            "acled-csv",
            "--quiet",
        ])
        .output()
        .expect("badia runs");
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    String::from_utf8(out.stdout).expect("UTF-8 CSV")
}

#[test]
fn the_columns_are_acleds_in_acleds_order() {
    let text = acled_csv();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers, ACLED_ORDER);
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        assert_eq!(row.len(), 31);
    }
}

#[test]
fn rows_are_coded_the_acled_way() {
    let text = acled_csv();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    for row in &rows {
        assert!(row[col("event_id_cnty")].starts_with("SYR"), "{row:?}");
        assert_eq!(&row[col("country")], "Syria");
        assert_eq!(&row[col("iso")], "760");
        for c in ["latitude", "longitude"] {
            let v = &row[col(c)];
            assert_eq!(v.split('.').nth(1).map(str::len), Some(4), "{c} {v}");
            v.parse::<f64>().unwrap();
        }
        row[col("fatalities")].parse::<u32>().unwrap();
        assert!(["1", "2", "3"].contains(&&row[col("geo_precision")]));
    }
    let ambush = rows
        .iter()
        .find(|r| r[col("fatalities")] == *"9")
        .expect("the Sukhnah ambush");
    assert_eq!(&ambush[col("event_date")], "2024-03-12");
    assert_eq!(&ambush[col("year")], "2024");
    assert_eq!(&ambush[col("sub_event_type")], "Armed clash");
    assert!(ambush[col("notes")].contains("9 killed, 6 injured"));
}
