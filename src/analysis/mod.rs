//! Analysis: what a journey says, computed from the model alone (the emotion curve, peak-end,
//! and later the funnel, evidence and comparison figures).
//!
//! Pure functions over `model` types: no store, no layout, no clock. The layout asks this
//! module for its figures and draws the answers, so the map, the CLI and the UI agree.
