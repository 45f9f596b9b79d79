//! Credential values: tells a real secret from a placeholder, a redaction or a status word.
//!
//! The credential patterns capture whatever follows `password=`, `token:`, `contraseña es`...;
//! this validator drops the values that are not secrets: masks (`********`), earlier redactions
//! (`[CREDENTIAL]`, `<CREDENTIAL:…>`), template variables (`${DB_PASS}`, `%s`, `{{token}}`),
//! and words such as `null`, `none`, `true`, `incorrect`, `expired`. Dropping earlier redactions
//! is what makes `tacha redact` idempotent for credentials.

use super::Verdict;

/// Words that follow a password label but are not passwords (EN and ES, lower case).
const NOT_SECRETS: &[&str] = &[
    "null",
    "nil",
    "none",
    "undefined",
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "empty",
    "blank",
    "n/a",
    "na",
    "redacted",
    "removed",
    "hidden",
    "masked",
    "omitted",
    "filtered",
    "sensitive",
    "secret",
    "password",
    "passwd",
    "token",
    "required",
    "optional",
    "invalid",
    "incorrect",
    "wrong",
    "expired",
    "reset",
    "changed",
    "updated",
    "missing",
    "ok",
    "okay",
    "success",
    "successful",
    "failed",
    "failure",
    "error",
    "passed",
    "pass",
    "fail",
    "enabled",
    "disabled",
    "auto",
    "default",
    "string",
    "str",
    "value",
    "xxx",
    "your_password",
    "yourpassword",
    "contraseña",
    "contrasena",
    "clave",
    "incorrecta",
    "incorrecto",
    "invalida",
    "inválida",
    "caducada",
    "expirada",
    "vacia",
    "vacía",
    "oculta",
    "nula",
    "ninguna",
    "requerida",
    "restablecida",
    "cambiada",
    "correcta",
    "bearer",
    "basic",
];

/// Accepts a captured secret value unless it is a placeholder, mask or earlier redaction.
pub(crate) fn secret(s: &[u8]) -> Verdict {
    // One word and a colon is the next label (`Token: Kind: HDFS_DELEGATION_TOKEN`), not a value.
    if let [word @ .., b':'] = s {
        if !word.is_empty() && word.iter().all(u8::is_ascii_alphabetic) {
            return Verdict::Invalid;
        }
    }
    // Trailing sentence punctuation is not part of the secret's shape checks.
    let mut v = s;
    while let [rest @ .., b'.' | b'!' | b'?' | b':'] = v {
        if rest.len() < 3 {
            break;
        }
        v = rest;
    }
    if v.len() < 3 {
        return Verdict::Invalid;
    }
    // `user:password` (URL userinfo): the password part must not be a mask or placeholder.
    if let Some(i) = v.iter().position(|&b| b == b':') {
        let pw = &v[i + 1..];
        if pw.is_empty()
            || pw
                .iter()
                .all(|&b| matches!(b, b'*' | b'x' | b'X' | b'#' | b'-' | b'.' | b'_'))
            || matches!(pw[0], b'$' | b'%' | b'{' | b'<' | b'[')
        {
            return Verdict::Invalid;
        }
    }
    // Masks: one repeated character (********, xxxxxx, ......).
    if super::is_repdigit(v) {
        return Verdict::Invalid;
    }
    if v.iter()
        .all(|&b| matches!(b, b'*' | b'x' | b'X' | b'#' | b'-' | b'.' | b'_'))
    {
        return Verdict::Invalid;
    }
    // Template variables and format strings; an absolute path (sudo's `PWD=/home/svc`).
    if matches!(v[0], b'$' | b'%' | b'{' | b'<' | b'[' | b'@' | b'/') {
        return Verdict::Invalid;
    }
    if let Ok(text) = std::str::from_utf8(v) {
        let lower = text.to_lowercase();
        if NOT_SECRETS.contains(&lower.as_str()) {
            return Verdict::Invalid;
        }
        if lower.contains("redacted") || lower.starts_with("credential") {
            return Verdict::Invalid;
        }
        // A short pure number (`pass=1`, `token: 42`) is a flag or a count, not a secret.
        if v.len() < 4 && v.iter().all(u8::is_ascii_digit) {
            return Verdict::Invalid;
        }
    }
    Verdict::Valid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_secrets_pass() {
        for s in [
            "hunter2",
            "Tr0ub4dor&3",
            "S3creta!",
            "sk_live_51HfakeKEYfake0000",
            "bob:s3cr3t",
            "abc",
        ] {
            assert_eq!(secret(s.as_bytes()), Verdict::Valid, "{s}");
        }
    }

    #[test]
    fn placeholders_and_redactions_fail() {
        for s in [
            "********",
            "xxxxxx",
            "[CREDENTIAL]",
            "<CREDENTIAL:3f9a2c1d>",
            "${DB_PASS}",
            "%s",
            "{{token}}",
            "null",
            "None",
            "incorrect",
            "incorrecta",
            "Kind:",
            "REDACTED",
            "12",
            "ok",
            "",
        ] {
            assert_eq!(secret(s.as_bytes()), Verdict::Invalid, "{s}");
        }
    }
}
