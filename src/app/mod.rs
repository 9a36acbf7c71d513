//! The lab's interaction logic, for every protocol and independent of the
//! web: commands, the controller that applies them, playback speed,
//! keyboard shortcuts, and runs in and out (files, share links). Components
//! render a [`Controller`] and send [`Command`]s; each protocol adds its own
//! commands through [`controller::View`].

pub mod command;
pub mod controller;
pub mod keys;
pub mod scenario_io;
pub mod speed;

pub use command::{Command, Selection};
pub use controller::{Controller, Level, Notice, View};
