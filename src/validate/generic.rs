//! Generic identifiers: e-mail, phone, IP, MAC, dates of birth.

use super::Verdict;

/// TODO(helper): implement.
pub(crate) fn email(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn phone(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn ipv4(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn ipv6(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn mac(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn birth_date(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// A calendar date read from text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateParts {
    /// Four-digit year.
    pub year: u16,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of month, 1..=31 (checked against the month's length).
    pub day: u8,
}

/// TODO(helper): parse EN/ES numeric and textual dates.
pub fn parse_date(_s: &[u8]) -> Option<DateParts> {
    None
}
