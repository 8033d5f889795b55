//! rasid-server
