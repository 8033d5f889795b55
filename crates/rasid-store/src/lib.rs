//! rasid-store
