//! Validates a gazetteer file (placeholder, to be written).
