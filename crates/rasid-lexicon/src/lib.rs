//! rasid-lexicon
