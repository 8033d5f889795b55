//! rasid-coder
