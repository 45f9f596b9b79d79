//! Other Latin American identifiers: AR CUIT/CUIL, CL RUT, CO NIT, PE CUI, BR CPF, DO cédula, VE RIF, EC cédula.

use super::Verdict;

/// TODO(helper): implement.
pub(crate) fn ar_cuit(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn cl_rut(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn co_nit(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn pe_cui(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn br_cpf(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn do_cedula(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn ve_rif(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

/// TODO(helper): implement.
pub(crate) fn ec_cedula(_s: &[u8]) -> Verdict {
    Verdict::Invalid
}

