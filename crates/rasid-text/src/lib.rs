//! rasid-text
