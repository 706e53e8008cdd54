//! The conflict's actors as writers name them (placeholder).
