//! United States identifiers: SSN, ITIN, EIN, ABA routing, VIN, MBI, NPI, DEA.

use super::Verdict;

/// TODO(helper): implement.
pub(crate) fn ssn(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn itin(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn ein(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn aba_routing(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn vin(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn mbi(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn npi(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn dea(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

