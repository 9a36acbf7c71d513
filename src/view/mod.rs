//! View models every protocol's view shares, as plain data: geometry and
//! hit-testing on the stage, colours, and the timeline. No web imports, so
//! all of it is tested natively; the drawing code only paints what this
//! describes. Each protocol's scene lives with the protocol.

pub mod geometry;
pub mod palette;
pub mod timeline;
