//! Financial identifiers: payment cards, IBAN, CLABE.

use super::Verdict;

/// TODO(helper): implement.
pub(crate) fn payment_card(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn iban(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn clabe(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

