//! Spanish identifiers: DNI/NIF, NIE, Seguridad Social number, NIF of legal entities.

use super::Verdict;

/// TODO(helper): implement.
pub(crate) fn dni(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn nie(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn nss(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn cif(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

