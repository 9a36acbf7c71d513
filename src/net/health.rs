//! Whether a server's process runs, in every protocol.

/// Whether a server (a node slot) runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Health {
    Up,
    Down,
    /// Running but frozen: its events wait until it resumes.
    Paused,
    /// Left the cluster gracefully; the slot stays empty.
    Left,
    /// A spare slot no server has joined yet.
    Vacant,
}
