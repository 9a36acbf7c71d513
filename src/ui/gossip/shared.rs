//! The gossip controller as components see it (see [`LabRef`]).

use crate::app::gossip_controller::GossipController;
use crate::ui::shared::LabRef;

pub type GossipRef = LabRef<GossipController>;
