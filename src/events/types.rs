//! ACLED event types read from an incident sentence (placeholder).
