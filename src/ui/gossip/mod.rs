//! The Gossip view (wasm32 only): rumor spreading and SWIM on the same
//! simulation core as the Raft view, with the same controls. Components only
//! display the gossip controller and send it commands; the logic lives in
//! `crate::app::gossip_*`, the pictures in `crate::view::gossip_*` and
//! `crate::protocols::gossip::ui::draw*`.

pub mod app;
pub mod controls;
pub mod lesson;
pub mod panels;
pub mod settings;
pub mod shared;
pub mod stage;
