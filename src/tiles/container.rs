//! The two tile containers: PMTiles v3 (one file for static hosting; the `pmtiles` crate's
//! writer) and MBTiles 1.3 (an SQLite file QGIS and GDAL open; `rusqlite`). Both receive
//! gzip-compressed tiles in ascending PMTiles tile id order and are written to a temporary file
//! beside the target, renamed over it only when complete.

use std::path::{Path, PathBuf};

use pmtiles::{Compression, PmTilesStreamWriter, PmTilesWriter, TileCoord, TileType};
use rusqlite::{params, Connection};
use serde_json::Value;

use crate::error::Error;
use crate::output::{persist, temp_beside};

/// Which container a path asks for, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    PmTiles,
    MbTiles,
}

impl Container {
    /// `.pmtiles` or `.mbtiles` (any case); anything else is an error.
    pub fn of_path(path: &Path) -> Result<Container, Error> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("pmtiles") => Ok(Container::PmTiles),
            Some("mbtiles") => Ok(Container::MbTiles),
            _ => Err(Error::InFile {
                path: path.to_path_buf(),
                message: "the tile file must end in .pmtiles or .mbtiles".into(),
            }),
        }
    }
}

/// The file-level facts both containers record.
pub(crate) struct Summary<'a> {
    pub min_zoom: u8,
    pub max_zoom: u8,
    /// West, south, east, north.
    pub bounds: [f64; 4],
    /// Lon, lat, zoom.
    pub center: (f64, f64, u8),
    pub tilejson: &'a Value,
}

/// Where finished tiles go.
pub(crate) trait TileSink {
    /// Adds one gzip-compressed tile; ids must ascend.
    fn add(&mut self, z: u8, x: u32, y: u32, gz: &[u8]) -> Result<(), Error>;
    /// Writes the metadata and moves the file into place.
    fn finish(self: Box<Self>, summary: &Summary<'_>) -> Result<(), Error>;
}

/// Opens a sink for `path` of the given kind.
pub(crate) fn open(path: &Path, kind: Container) -> Result<Box<dyn TileSink>, Error> {
    Ok(match kind {
        Container::PmTiles => Box::new(PmTilesSink::create(path)?),
        Container::MbTiles => Box::new(MbTilesSink::create(path)?),
    })
}

/// Several sinks fed the same tiles, finished in order.
pub(crate) struct Tee(pub Vec<Box<dyn TileSink>>);

impl TileSink for Tee {
    fn add(&mut self, z: u8, x: u32, y: u32, gz: &[u8]) -> Result<(), Error> {
        self.0.iter_mut().try_for_each(|s| s.add(z, x, y, gz))
    }

    fn finish(self: Box<Self>, summary: &Summary<'_>) -> Result<(), Error> {
        self.0.into_iter().try_for_each(|s| s.finish(summary))
    }
}

fn pm_error(path: &Path, e: pmtiles::PmtError) -> Error {
    Error::InFile {
        path: path.to_path_buf(),
        message: format!("PMTiles: {e}"),
    }
}

struct PmTilesSink {
    path: PathBuf,
    tmp: tempfile::NamedTempFile,
    writer: PmTilesStreamWriter<std::fs::File>,
}

impl PmTilesSink {
    fn create(path: &Path) -> Result<PmTilesSink, Error> {
        let tmp = temp_beside(path)?;
        let file = tmp.reopen().map_err(|e| Error::io(path, e))?;
        let writer = PmTilesWriter::new(TileType::Mvt)
            .precompressed(Compression::Gzip)
            .internal_compression(Compression::Gzip)
            .create(file)
            .map_err(|e| pm_error(path, e))?;
        Ok(PmTilesSink {
            path: path.to_path_buf(),
            tmp,
            writer,
        })
    }
}

impl TileSink for PmTilesSink {
    fn add(&mut self, z: u8, x: u32, y: u32, gz: &[u8]) -> Result<(), Error> {
        let coord = TileCoord::new(z, x, y).map_err(|e| pm_error(&self.path, e))?;
        self.writer
            .add_tile(coord, gz)
            .map_err(|e| pm_error(&self.path, e))
    }

    fn finish(self: Box<Self>, s: &Summary<'_>) -> Result<(), Error> {
        let PmTilesSink {
            path,
            tmp,
            mut writer,
        } = *self;
        writer.set_metadata(s.tilejson.to_string());
        writer.set_zoom_range(s.min_zoom, s.max_zoom);
        let [w, south, e, n] = s.bounds;
        writer.set_bounds(w, south, e, n);
        writer.set_center(s.center.0, s.center.1, s.center.2);
        writer.finalize().map_err(|e| pm_error(&path, e))?;
        persist(tmp, &path)
    }
}

struct MbTilesSink {
    path: PathBuf,
    tmp: tempfile::NamedTempFile,
    db: Connection,
}

fn sql_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::InFile {
        path: path.to_path_buf(),
        message: format!("MBTiles: {e}"),
    }
}

impl MbTilesSink {
    fn create(path: &Path) -> Result<MbTilesSink, Error> {
        let tmp = temp_beside(path)?;
        let db = Connection::open(tmp.path()).map_err(|e| sql_error(path, e))?;
        // The rename gives atomicity; SQLite's journal would only slow the bulk insert.
        db.execute_batch(
            "PRAGMA journal_mode = OFF;
             PRAGMA synchronous = OFF;
             PRAGMA application_id = 0x4d504258;
             CREATE TABLE metadata (name TEXT, value TEXT);
             CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,
                                 tile_data BLOB);
             BEGIN;",
        )
        .map_err(|e| sql_error(path, e))?;
        Ok(MbTilesSink {
            path: path.to_path_buf(),
            tmp,
            db,
        })
    }
}

impl TileSink for MbTilesSink {
    fn add(&mut self, z: u8, x: u32, y: u32, gz: &[u8]) -> Result<(), Error> {
        // MBTiles rows count from the south (TMS).
        let row = (1u32 << z) - 1 - y;
        self.db
            .prepare_cached("INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)")
            .and_then(|mut st| st.execute(params![z, x, row, gz]))
            .map(|_| ())
            .map_err(|e| sql_error(&self.path, e))
    }

    fn finish(self: Box<Self>, s: &Summary<'_>) -> Result<(), Error> {
        let MbTilesSink { path, tmp, db } = *self;
        let t = s.tilejson;
        let text = |k: &str| t[k].as_str().unwrap_or("").to_string();
        let [w, south, e, n] = s.bounds;
        let rows = [
            ("name", text("name")),
            ("format", "pbf".to_string()),
            ("type", "overlay".to_string()),
            ("version", text("version")),
            ("description", text("description")),
            ("attribution", text("attribution")),
            ("minzoom", s.min_zoom.to_string()),
            ("maxzoom", s.max_zoom.to_string()),
            ("bounds", format!("{w:.6},{south:.6},{e:.6},{n:.6}")),
            (
                "center",
                format!("{:.6},{:.6},{}", s.center.0, s.center.1, s.center.2),
            ),
            (
                "json",
                serde_json::json!({ "vector_layers": t["vector_layers"] }).to_string(),
            ),
        ];
        let write = || -> rusqlite::Result<()> {
            {
                let mut st = db.prepare("INSERT INTO metadata VALUES (?1, ?2)")?;
                for (k, v) in &rows {
                    st.execute(params![k, v])?;
                }
            }
            db.execute_batch(
                "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
                 CREATE UNIQUE INDEX name ON metadata (name);
                 COMMIT;",
            )
        };
        write().map_err(|e| sql_error(&path, e))?;
        db.close().map_err(|(_, e)| sql_error(&path, e))?;
        persist(tmp, &path)
    }
}
