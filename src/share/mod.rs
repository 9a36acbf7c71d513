//! Links into the lab: URL fragment parameters and the compressed scenario codec.

mod codec;
mod fragment;

pub use codec::{CODEC_VERSION, MAX_ENCODED_LEN, ShareError, decode_scenario, encode_scenario};
pub use fragment::{
    Bench, LinkParams, MAX_FRAGMENT_LEN, MAX_LINK_TIME_MS, MAX_SPEED, MIN_SPEED, Theme,
};
