//! GeoPackage 1.2 (OGC 12-128r15), the format QGIS uses by default, written with SQLite.
//!
//! Table `events`: every event as a Point (a road's event at the road's middle vertex, where
//! the web map draws it) with typed columns: `event_date` DATE, counts and codes INTEGER,
//! `confidence` REAL, the rest TEXT, in the order of the GeoJSON properties. Table
//! `event_roads`, only when some event lies on a road: those events again, with the road as
//! a LineString. Each table has the R-tree spatial index extension (`rtree_<table>_geom`,
//! filled as the rows are written, with GDAL's triggers added at the end) and a default style
//! in `layer_styles` (see [`super::style`]) that QGIS applies when it opens the layer.
//!
//! The file is written to a temporary file beside the target and renamed over it when
//! complete, as every output is.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter, Connection};
use serde_json::Value;

use super::style::{self, Symbol};
use super::{geojson, persist, temp_beside};
use crate::error::Error;
use crate::model::{Event, EventType};

/// SQLite's `application_id` of a GeoPackage ("GPKG") and the `user_version` of 1.2.0.
const APPLICATION_ID: u32 = 0x4750_4B47;
const USER_VERSION: u32 = 10200;

/// WGS 84 as GDAL records it.
const WGS84_WKT: &str = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,\
298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,\
AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],\
AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

/// The table of every event, as points.
pub const EVENTS_TABLE: &str = "events";
/// The table of the events on roads, as lines.
pub const ROADS_TABLE: &str = "event_roads";
const GEOMETRY_COLUMN: &str = "geom";

/// The SQL type of a property column (the GeoJSON properties' names).
fn column_type(name: &str) -> &'static str {
    match name {
        "event_date" => "DATE",
        "time_precision" | "inter1" | "inter2" | "fatalities" | "fatalities_low"
        | "fatalities_high" | "injured" | "geo_precision" => "INTEGER",
        "confidence" => "REAL",
        _ => "TEXT",
    }
}

/// The property columns, in the GeoJSON properties' order.
fn columns() -> Vec<String> {
    geojson::properties(&Event::default())
        .keys()
        .cloned()
        .collect()
}

/// A bounding box: west, south, east, north.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Extent([f64; 4]);

impl Extent {
    fn of(points: &[[f64; 2]]) -> Extent {
        let mut b = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for p in points {
            b = [
                b[0].min(p[0]),
                b[1].min(p[1]),
                b[2].max(p[0]),
                b[3].max(p[1]),
            ];
        }
        Extent(b)
    }

    fn join(self, other: Extent) -> Extent {
        let (a, b) = (self.0, other.0);
        Extent([
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ])
    }
}

/// One feature table being filled.
struct Table {
    name: &'static str,
    symbol: Symbol,
    /// The statements that add a row and its index entry.
    insert_sql: String,
    index_sql: String,
    rows: u64,
    extent: Option<Extent>,
    /// The event types written, for the style's categories.
    types: BTreeSet<EventType>,
}

impl Table {
    fn new(name: &'static str, symbol: Symbol, columns: &[String]) -> Table {
        let names: String = columns.iter().map(|c| format!(", {}", quoted(c))).collect();
        let marks: String = (0..columns.len()).map(|_| ", ?").collect();
        Table {
            name,
            symbol,
            insert_sql: format!(
                "INSERT INTO {} ({}{names}) VALUES (?{marks})",
                quoted(name),
                quoted(GEOMETRY_COLUMN)
            ),
            index_sql: format!(
                "INSERT INTO {} VALUES (?1, ?2, ?3, ?4, ?5)",
                quoted(&rtree_name(name))
            ),
            rows: 0,
            extent: None,
            types: BTreeSet::new(),
        }
    }

    fn add_type(&mut self, event_type: EventType) {
        self.types.insert(event_type);
    }

    fn geometry_type(&self) -> &'static str {
        match self.symbol {
            Symbol::Point => "POINT",
            Symbol::Line => "LINESTRING",
        }
    }
}

/// Writes events into a GeoPackage as they come; [`GpkgWriter::finish`] indexes, styles and
/// moves the file into place. Dropped unfinished, it leaves the target as it was.
pub struct GpkgWriter {
    path: PathBuf,
    tmp: tempfile::NamedTempFile,
    db: Connection,
    points: Table,
    roads: Table,
}

fn sql_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::InFile {
        path: path.to_path_buf(),
        message: format!("GeoPackage: {e}"),
    }
}

/// A name in double quotes, for SQL.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl GpkgWriter {
    /// Starts the GeoPackage that will replace `path`.
    pub fn create(path: &Path) -> Result<GpkgWriter, Error> {
        let tmp = temp_beside(path)?;
        let db = Connection::open(tmp.path()).map_err(|e| sql_error(path, e))?;
        let columns = columns();
        start(&db, &columns).map_err(|e| sql_error(path, e))?;
        Ok(GpkgWriter {
            path: path.to_path_buf(),
            tmp,
            db,
            points: Table::new(EVENTS_TABLE, Symbol::Point, &columns),
            roads: Table::new(ROADS_TABLE, Symbol::Line, &columns),
        })
    }

    /// Adds events, in order.
    pub fn write_all(&mut self, events: &[Event]) -> Result<(), Error> {
        let path = self.path.clone();
        self.insert(events).map_err(|e| sql_error(&path, e))
    }

    fn insert(&mut self, events: &[Event]) -> rusqlite::Result<()> {
        for e in events {
            let Some(point) = e.coords.get(e.coords.len() / 2) else {
                continue;
            };
            let values: Vec<Sql> = geojson::properties(e)
                .into_values()
                .map(sql_value)
                .collect();
            let point = [rounded(*point)];
            insert_row(&self.db, &mut self.points, &values, &point)?;
            self.points.add_type(e.event_type);
            if e.coords.len() > 1 {
                let line: Vec<[f64; 2]> = e.coords.iter().copied().map(rounded).collect();
                insert_row(&self.db, &mut self.roads, &values, &line)?;
                self.roads.add_type(e.event_type);
            }
        }
        Ok(())
    }

    /// Registers the tables, adds the index triggers and the default styles, and renames the
    /// file into place. Returns the number of events written.
    pub fn finish(self) -> Result<u64, Error> {
        let GpkgWriter {
            path,
            tmp,
            db,
            points,
            roads,
        } = self;
        let done = || -> rusqlite::Result<()> {
            register(&db, &points)?;
            if roads.rows > 0 {
                register(&db, &roads)?;
            } else {
                db.execute_batch(&format!(
                    "DROP TABLE {0}; DROP TABLE {1};",
                    quoted(ROADS_TABLE),
                    quoted(&rtree_name(ROADS_TABLE))
                ))?;
            }
            db.execute_batch("COMMIT;")
        };
        done().map_err(|e| sql_error(&path, e))?;
        db.close().map_err(|(_, e)| sql_error(&path, e))?;
        persist(tmp, &path)?;
        Ok(points.rows)
    }
}

/// Writes `events` as a GeoPackage at `path`, atomically.
pub fn write(path: &Path, events: &[Event]) -> Result<u64, Error> {
    let mut w = GpkgWriter::create(path)?;
    w.write_all(events)?;
    w.finish()
}

/// A property's value as SQLite stores it.
fn sql_value(v: Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(b.into()),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => n.as_f64().map_or(Sql::Null, Sql::Real),
        },
        Value::String(s) => Sql::Text(s),
        other => Sql::Text(other.to_string()),
    }
}

/// A coordinate rounded as the GeoJSON is (1e-5°, about a metre).
fn rounded(p: [f64; 2]) -> [f64; 2] {
    [(p[0] * 1e5).round() / 1e5, (p[1] * 1e5).round() / 1e5]
}

fn rtree_name(table: &str) -> String {
    format!("rtree_{table}_{GEOMETRY_COLUMN}")
}

/// The core tables (GeoPackage 1.2, as GDAL makes them), the two feature tables and their
/// R-trees, and the style table; then a transaction for the rows.
fn start(db: &Connection, columns: &[String]) -> rusqlite::Result<()> {
    // The rename gives atomicity; SQLite's journal would only slow the bulk insert.
    db.execute_batch(&format!(
        "PRAGMA journal_mode = OFF;
         PRAGMA synchronous = OFF;
         PRAGMA application_id = {APPLICATION_ID};
         PRAGMA user_version = {USER_VERSION};
         CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL \
           PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, \
           definition TEXT NOT NULL, description TEXT);
         CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT \
           NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT \
           NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, \
           max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY \
           (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
         CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT \
           NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, \
           m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), \
           CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY \
           (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY \
           (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
         CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT \
           NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE \
           (table_name, column_name, extension_name));
         CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \
           f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), \
           f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT, \
           useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), update_time \
           DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));"
    ))?;
    db.execute(
        "INSERT INTO gpkg_spatial_ref_sys VALUES
           ('Undefined Cartesian SRS', -1, 'NONE', -1, 'undefined',
            'undefined Cartesian coordinate reference system'),
           ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined',
            'undefined geographic coordinate reference system'),
           ('WGS 84 geodetic', 4326, 'EPSG', 4326, ?1,
            'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')",
        [WGS84_WKT],
    )?;
    let fields: String = columns
        .iter()
        .map(|c| format!(", {} {}", quoted(c), column_type(c)))
        .collect();
    for (table, kind) in [(EVENTS_TABLE, "POINT"), (ROADS_TABLE, "LINESTRING")] {
        db.execute_batch(&format!(
            "CREATE TABLE {} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, {} {kind}{fields});
             CREATE VIRTUAL TABLE {} USING rtree(id, minx, maxx, miny, maxy);",
            quoted(table),
            quoted(GEOMETRY_COLUMN),
            quoted(&rtree_name(table)),
        ))?;
    }
    db.execute_batch("BEGIN;")
}

/// Inserts one row and its index entry.
fn insert_row(
    db: &Connection,
    table: &mut Table,
    values: &[Sql],
    coords: &[[f64; 2]],
) -> rusqlite::Result<()> {
    let extent = Extent::of(coords);
    let blob = geometry_blob(coords, &extent);
    let row = std::iter::once(Sql::Blob(blob)).chain(values.iter().cloned());
    db.prepare_cached(&table.insert_sql)?
        .execute(params_from_iter(row))?;
    let fid = db.last_insert_rowid();
    let [w, s, e, n] = extent.0;
    db.prepare_cached(&table.index_sql)?
        .execute(params![fid, w, e, s, n])?;
    table.rows += 1;
    table.extent = Some(table.extent.map_or(extent, |x| x.join(extent)));
    Ok(())
}

/// A GeoPackage binary geometry: the `GP` header (version 0, little-endian, SRS 4326, an
/// envelope for lines as GDAL writes one), then the WKB Point or LineString.
fn geometry_blob(coords: &[[f64; 2]], extent: &Extent) -> Vec<u8> {
    let line = coords.len() != 1;
    let mut b = Vec::with_capacity(8 + 32 + 9 + 16 * coords.len());
    b.extend_from_slice(b"GP");
    b.push(0);
    // Bit 0: little-endian; bits 1-3: envelope [minx, maxx, miny, maxy] (1) or none (0).
    b.push(if line { 0b011 } else { 0b001 });
    b.extend_from_slice(&4326i32.to_le_bytes());
    if line {
        let [w, s, e, n] = extent.0;
        for v in [w, e, s, n] {
            b.extend_from_slice(&v.to_le_bytes());
        }
    }
    b.push(1);
    if line {
        b.extend_from_slice(&2u32.to_le_bytes());
        b.extend_from_slice(&(coords.len() as u32).to_le_bytes());
    } else {
        b.extend_from_slice(&1u32.to_le_bytes());
    }
    for p in coords {
        b.extend_from_slice(&p[0].to_le_bytes());
        b.extend_from_slice(&p[1].to_le_bytes());
    }
    b
}

/// Records a filled feature table: its contents row and extent, its geometry column, its
/// spatial index (extension row and GDAL's triggers, which keep it current when a client
/// edits the layer) and its default style.
fn register(db: &Connection, table: &Table) -> rusqlite::Result<()> {
    let types = style::categories(table.types.iter().copied());
    let [w, s, e, n] = table.extent.map_or([0.0; 4], |x| x.0);
    let (min, max) = if table.extent.is_some() {
        (Some([w, s]), Some([e, n]))
    } else {
        (None, None)
    };
    db.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, \
         min_x, min_y, max_x, max_y, srs_id) VALUES (?1, 'features', ?1, ?2, ?3, ?4, ?5, ?6, 4326)",
        params![
            table.name,
            match table.symbol {
                Symbol::Point => "badia events (a road's event at its middle)",
                Symbol::Line => "badia events on roads, as lines",
            },
            min.map(|p| p[0]),
            min.map(|p| p[1]),
            max.map(|p| p[0]),
            max.map(|p| p[1]),
        ],
    )?;
    db.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?1, ?2, ?3, 4326, 0, 0)",
        params![table.name, GEOMETRY_COLUMN, table.geometry_type()],
    )?;
    db.execute(
        "INSERT INTO gpkg_extensions VALUES (?1, ?2, 'gpkg_rtree_index', \
         'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
        params![table.name, GEOMETRY_COLUMN],
    )?;
    db.execute_batch(&rtree_triggers(table.name))?;
    db.execute(
        "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, \
         f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner) \
         VALUES ('', '', ?1, ?2, ?1, ?3, ?4, 1, ?5, '')",
        params![
            table.name,
            GEOMETRY_COLUMN,
            style::qml(table.symbol, &types),
            style::sld(table.name, table.symbol, &types),
            "event types in the web map's colours; points sized by fatalities",
        ],
    )?;
    ensure_styles_registered(db)
}

/// `layer_styles` is an attributes table of the GeoPackage (as QGIS and GDAL record it).
fn ensure_styles_registered(db: &Connection) -> rusqlite::Result<()> {
    db.execute(
        "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) \
         VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles')",
        [],
    )
    .map(|_| ())
}

/// The triggers GDAL adds with an R-tree index (GeoPackage 1.2, F.3), which keep it in step
/// with edits. They call `ST_*` functions that GeoPackage clients provide; badia fills the
/// index itself, before they exist.
fn rtree_triggers(table: &str) -> String {
    let (t, c, r) = (quoted(table), quoted(GEOMETRY_COLUMN), rtree_name(table));
    let rq = quoted(&r);
    let trigger = |suffix: &str| quoted(&format!("{r}_{suffix}"));
    let values = format!(
        "(NEW.fid, ST_MinX(NEW.{c}), ST_MaxX(NEW.{c}), ST_MinY(NEW.{c}), ST_MaxY(NEW.{c}))"
    );
    format!(
        "CREATE TRIGGER {insert} AFTER INSERT ON {t} WHEN (new.{c} NOT NULL AND NOT ST_IsEmpty(NEW.{c})) \
           BEGIN INSERT OR REPLACE INTO {rq} VALUES {values}; END;
         CREATE TRIGGER {update1} AFTER UPDATE OF {c} ON {t} WHEN OLD.fid = NEW.fid AND \
           (NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c})) \
           BEGIN INSERT OR REPLACE INTO {rq} VALUES {values}; END;
         CREATE TRIGGER {update2} AFTER UPDATE OF {c} ON {t} WHEN OLD.fid = NEW.fid AND \
           (NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c})) BEGIN DELETE FROM {rq} WHERE id = OLD.fid; END;
         CREATE TRIGGER {update3} AFTER UPDATE ON {t} WHEN OLD.fid != NEW.fid AND \
           (NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c})) \
           BEGIN DELETE FROM {rq} WHERE id = OLD.fid; INSERT OR REPLACE INTO {rq} VALUES {values}; END;
         CREATE TRIGGER {update4} AFTER UPDATE ON {t} WHEN OLD.fid != NEW.fid AND \
           (NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c})) \
           BEGIN DELETE FROM {rq} WHERE id IN (OLD.fid, NEW.fid); END;
         CREATE TRIGGER {delete} AFTER DELETE ON {t} WHEN old.{c} NOT NULL \
           BEGIN DELETE FROM {rq} WHERE id = OLD.fid; END;",
        insert = trigger("insert"),
        update1 = trigger("update1"),
        update2 = trigger("update2"),
        update3 = trigger("update3"),
        update4 = trigger("update4"),
        delete = trigger("delete"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_blob_is_the_header_and_wkb() {
        let p = [[38.5, 34.25]];
        let blob = geometry_blob(&p, &Extent::of(&p));
        assert_eq!(&blob[..8], b"GP\x00\x01\xe6\x10\x00\x00");
        assert_eq!(blob[8], 1);
        assert_eq!(u32::from_le_bytes(blob[9..13].try_into().unwrap()), 1);
        assert_eq!(f64::from_le_bytes(blob[13..21].try_into().unwrap()), 38.5);
        assert_eq!(blob.len(), 29);
    }

    #[test]
    fn a_line_blob_has_its_envelope() {
        let l = [[38.0, 34.0], [39.0, 35.5]];
        let blob = geometry_blob(&l, &Extent::of(&l));
        assert_eq!(blob[3], 0b011);
        let at = |i: usize| f64::from_le_bytes(blob[i..i + 8].try_into().unwrap());
        assert_eq!([at(8), at(16), at(24), at(32)], [38.0, 39.0, 34.0, 35.5]);
        assert_eq!(u32::from_le_bytes(blob[41..45].try_into().unwrap()), 2);
        assert_eq!(u32::from_le_bytes(blob[45..49].try_into().unwrap()), 2);
        assert_eq!(blob.len(), 8 + 32 + 9 + 32);
    }

    #[test]
    fn columns_are_typed() {
        let cols = columns();
        assert_eq!(cols.first().map(String::as_str), Some("event_id"));
        assert_eq!(column_type("event_date"), "DATE");
        assert_eq!(column_type("fatalities"), "INTEGER");
        assert_eq!(column_type("confidence"), "REAL");
        assert_eq!(column_type("location_ar"), "TEXT");
        for c in [
            "event_date",
            "fatalities",
            "injured",
            "geo_precision",
            "confidence",
        ] {
            assert!(cols.iter().any(|x| x == c), "{c}");
        }
    }
}
