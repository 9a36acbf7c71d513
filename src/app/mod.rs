//! The lab's interaction logic, independent of the web: commands, the
//! controller that applies them, playback speed, keyboard shortcuts and
//! settings warnings. Components render a `Controller` and send `Command`s.

pub mod command;
pub mod controller;
// --- gossip view ---
pub mod gossip_command;
pub mod gossip_controller;
pub mod gossip_form;
pub mod gossip_lab;
pub mod gossip_startup;
// --- end gossip view ---
pub mod keys;
pub mod lesson_mode;
pub mod scenario_io;
pub mod settings_form;
pub mod speed;
pub mod warnings;

pub use command::{Command, Selection};
pub use controller::{Controller, Level, Notice};
