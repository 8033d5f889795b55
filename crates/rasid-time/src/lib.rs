//! rasid-time
