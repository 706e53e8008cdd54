//! badia turns Arabic news reports of armed incidents in the Syrian Badia into georeferenced
//! events: GeoJSON, an ACLED-style CSV and maps.
//!
//! The pipeline, one module per stage: [`ingest`] → [`normalize`] → [`gazetteer`] →
//! [`toponyms`] → [`resolve`] → [`events`] → [`output`]. Shared types live in [`model`].
#![forbid(unsafe_code)]

pub mod clitics;
pub mod cluster;
pub mod error;
pub mod events;
pub mod features;
pub mod gazetteer;
pub mod geodesy;
pub mod ingest;
pub mod map;
pub mod merge;
pub mod model;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod resolve;
pub mod rules;
pub mod serve;
pub mod tiles;
pub mod toponyms;
