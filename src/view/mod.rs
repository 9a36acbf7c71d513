//! View models: what the canvas and panels show, computed from engine state as
//! plain data (positions, colours, glyphs, rows). No web imports, so all of it
//! is tested natively; the drawing code only paints what this describes.

pub mod chart;
pub mod geometry;
// --- gossip view ---
pub mod gossip_chart;
pub mod gossip_layout;
pub mod gossip_scene;
// --- end gossip view ---
pub mod log_rows;
pub mod palette;
pub mod scene;
pub mod timeline;
