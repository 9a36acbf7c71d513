//! Scenarios: a versioned JSON format that fixes a whole run of any protocol
//! — seed, settings, workload, timed actions, stop time and expectations.
//! The same format is read by the headless runner, exported and imported by
//! the app, and carried (compressed) by share links. See docs/scenarios.md.
//!
//! The fields every scenario has, the network and process actions, node
//! numbers and the error messages live here; each protocol adds its own
//! section, actions and expectations ([`Format`]), so a field of another
//! protocol is refused by construction.

mod command;
pub mod common;
mod error;
mod file;
pub mod net;
pub mod workload;

pub use command::{
    ClientCommand, CommandError, MAX_KEY_LEN, MAX_VALUE_LEN, parse_command, valid_key, valid_value,
};
pub use common::{MAX_ACTIONS, MAX_DELAY_MS, MAX_SCENARIO_BYTES, MAX_STOP_MS, NetworkJson};
pub use error::{Errors, FieldError, ScenarioError};
pub use file::{
    COMMON_FIELDS, Common, FORMAT_VERSION, Format, from_object, json_object, parse, protocol_of,
    to_compact, to_text, typed,
};
pub use net::NET_ACTIONS;
