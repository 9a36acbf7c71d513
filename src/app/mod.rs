//! The lab's interaction logic, independent of the web: commands, the
//! controller that applies them, playback speed, keyboard shortcuts and
//! settings warnings. Components render a `Controller` and send `Command`s.

pub mod command;
pub mod controller;
pub mod keys;
pub mod lesson_mode;
pub mod scenario_io;
pub mod settings_form;
pub mod speed;
pub mod warnings;

pub use command::{Command, Selection};
pub use controller::{Controller, Level, Notice};
