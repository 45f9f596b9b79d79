//! ICAO 9303 machine-readable zones (TD1, TD2, TD3) of passports and ID cards.

use super::Verdict;

/// TODO(helper): implement.
pub(crate) fn mrz(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

