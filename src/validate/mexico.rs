//! Mexican identifiers: CURP, RFC, IMSS NSS, INE clave de elector.

use super::Verdict;

/// TODO(helper): implement.
pub(crate) fn curp(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn rfc(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn nss(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn ine_clave(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

