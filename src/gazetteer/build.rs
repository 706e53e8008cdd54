//! Builds `data/gazetteer.csv` from the public sources (placeholder, to be written).
