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

/// A secret found without an `=`/`:` between label and value (`password P@ss9873` in a
/// `.netrc`, `community N0c-R3ad-41`, `la contraseña Luna2022$`): a [`secret`] of at least six
/// characters with a letter and a digit or symbol, so that the next word of a sentence
/// (`password reset`, `community public`) is not taken for one.
pub(crate) fn strong_secret(s: &[u8]) -> Verdict {
    // Sentence punctuation after the value (`Luna2022$.`) is not part of it; `!` often is.
    let mut v = s;
    while let [rest @ .., b'.' | b',' | b';' | b'?' | b':'] = v {
        v = rest;
    }
    let letter = v.iter().any(u8::is_ascii_alphabetic);
    // A digit or an ASCII symbol: the bytes of an accented letter are no symbol (`caducó`).
    let other = v.iter().any(|b| b.is_ascii() && !b.is_ascii_alphabetic());
    if v.len() < 6 || !letter || !other {
        return Verdict::Invalid;
    }
    secret(v)
}

/// A one-time code: its digits (a space or dash may split them) are not one digit repeated,
/// which is a failed try, a placeholder or a mask (`000000`, `1111`).
pub(crate) fn one_time_code(s: &[u8]) -> Verdict {
    let mut buf = [0u8; super::MAX_COMPACT];
    match super::digits_only(s, &mut buf) {
        Some(d) if !super::is_repdigit(d) => Verdict::Valid,
        _ => Verdict::Invalid,
    }
}

/// A secret given as an answer: read out or typed as the next turn of a transcript (a
/// passcode, a security word, a PIN) or written after a security question (`first pet =
/// Biscuit`). One to three words, no e-mail address, nothing a speaker says instead of an
/// answer ([`super::has_filler`]), no date or capitalised name, and a [`secret`]; a number
/// is four to eight digits.
pub(crate) fn spoken_secret(s: &[u8]) -> Verdict {
    let mut v = s;
    while let [rest @ .., b'.' | b',' | b';' | b'!' | b'?' | b':'] = v {
        v = rest;
    }
    let Ok(text) = std::str::from_utf8(v) else {
        return Verdict::Invalid;
    };
    let words = text.split_whitespace().count();
    if words == 0 || words > 3 || text.contains('@') {
        return Verdict::Invalid;
    }
    if super::has_filler(text) {
        return Verdict::Invalid;
    }
    if v.iter().all(u8::is_ascii_digit) && !(4..=8).contains(&v.len()) {
        return Verdict::Invalid;
    }
    // An answer that is a date or a capitalised name (`03/14/1986`, `Maria Lopez`) gives the
    // other half of an "A or B?" question, not the secret.
    let capitalised = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
    };
    let names = text.split_whitespace().filter(|w| capitalised(w)).count();
    if super::parse_date(v).is_some() || (names >= 2 && names == words) {
        return Verdict::Invalid;
    }
    secret(v)
}

/// Whether a value has a run of eight of one mask character (`x`, `X`, `0`, `*`): the filler of
/// a sample value (`sk_test_xxxxxxxxxxxx`, `TEST-0000000000000000-…`, `.../TXXXXXXXX/...`).
/// Eight in a row is about one in four billion in a random hexadecimal secret.
fn masked_run(v: &[u8]) -> bool {
    v.windows(8)
        .any(|w| matches!(w[0], b'x' | b'X' | b'0' | b'*') && w.iter().all(|&b| b == w[0]))
}

/// PowerShell verbs of the cmdlets that read, make or convert a secret.
const CMDLET_VERBS: &[&[u8]] = &[
    b"ConvertTo",
    b"ConvertFrom",
    b"Get",
    b"Read",
    b"New",
    b"Import",
    b"Export",
    b"Invoke",
    b"Unprotect",
    b"Protect",
];

/// Accepts a captured secret value unless it is a placeholder, mask or earlier redaction.
pub(crate) fn secret(s: &[u8]) -> Verdict {
    // One word and a colon is the next label (`Token: Kind: HDFS_DELEGATION_TOKEN`), not a value.
    if let [word @ .., b':'] = s {
        if !word.is_empty() && word.iter().all(u8::is_ascii_alphabetic) {
            return Verdict::Invalid;
        }
    }
    // The first word of a PEM block (`"private_key": "-----BEGIN …`): the block is the secret,
    // and the private-key detector reports it whole.
    if s.starts_with(b"-----BEGIN") {
        return Verdict::Invalid;
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
    // Terraform's `(sensitive value)`, `(hidden)`: a note in place of the value. A help desk's
    // template placeholder (`##ticket.requester.email##`).
    let note = v[0] == b'('
        && v[1..]
            .strip_suffix(b")")
            .unwrap_or(&v[1..])
            .iter()
            .all(u8::is_ascii_alphabetic);
    if note || v.starts_with(b"##") {
        return Verdict::Invalid;
    }
    // A PowerShell cmdlet that produces the secret (`$pw = ConvertTo-SecureString 'x' …`,
    // `Read-Host -AsSecureString`): the secret, if any, follows it.
    if let Some(i) = v.iter().position(|&b| b == b'-') {
        let (verb, noun) = (&v[..i], &v[i + 1..]);
        if CMDLET_VERBS.contains(&verb)
            && noun.first().is_some_and(u8::is_ascii_uppercase)
            && noun.iter().all(u8::is_ascii_alphabetic)
        {
            return Verdict::Invalid;
        }
    }
    // A YAML tag (`mysql_password: !vault |`): the encrypted block follows.
    if v[0] == b'!' && v.len() > 1 && v[1..].iter().all(u8::is_ascii_lowercase) {
        return Verdict::Invalid;
    }
    if masked_run(v) {
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
        // A sample config's placeholder (`put your password here`, `sk_test_your_key_here`,
        // AWS's documented `…EXAMPLEKEY`) or a reference to a secret store
        // (`vault:secret/data/prod/crm#password`), not the secret itself.
        // Markers of a placeholder anywhere in the value, and words that mark one only in a
        // phrase (whole words with a space: `put your password here`, not `Where2Go!` or
        // `chilaquiles verdes`).
        const ANYWHERE: &[&str] = &["your ", "your_", "your-", "changeme", "change me", "aquí"];
        const IN_PHRASE: &[&str] = &["here", "aqui"];
        const STORES: &[&str] = &[
            "vault:",
            "arn:aws:",
            "op://",
            "ssm:",
            "secretsmanager:",
            "keyvault:",
        ];
        if ANYWHERE.iter().any(|w| lower.contains(w))
            || (lower.contains(' ')
                && lower
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| IN_PHRASE.contains(&w)))
            || text.contains("EXAMPLE")
            || STORES.iter().any(|p| lower.starts_with(p))
        {
            return Verdict::Invalid;
        }
        // A short pure number (`pass=1`, `token: 42`) is a flag or a count, not a secret.
        if v.len() < 4 && v.iter().all(u8::is_ascii_digit) {
            return Verdict::Invalid;
        }
    }
    Verdict::Valid
}

/// Accounts that belong to the system, a service or nobody in particular: a log that names them
/// names no person (`Failed password for root`, `user=www-data`, `usuario: admin`).
const SYSTEM_ACCOUNTS: &[&[u8]] = &[
    b"root",
    b"admin",
    b"administrator",
    b"administrador",
    b"guest",
    b"invitado",
    b"nobody",
    b"daemon",
    b"bin",
    b"sys",
    b"sync",
    b"games",
    b"man",
    b"lp",
    b"mail",
    b"news",
    b"uucp",
    b"proxy",
    b"backup",
    b"list",
    b"irc",
    b"gnats",
    b"operator",
    b"www-data",
    b"www",
    b"apache",
    b"nginx",
    b"httpd",
    b"mysql",
    b"postgres",
    b"postgresql",
    b"oracle",
    b"redis",
    b"mongodb",
    b"elasticsearch",
    b"elastic",
    b"kibana",
    b"kibana_system",
    b"logstash_system",
    b"beats_system",
    b"apm_system",
    b"remote_monitoring_user",
    b"kafka",
    b"zookeeper",
    b"hadoop",
    b"hdfs",
    b"yarn",
    b"spark",
    b"hive",
    b"tomcat",
    b"jenkins",
    b"gitlab-runner",
    b"git",
    b"svn",
    b"deploy",
    b"deployer",
    b"ansible",
    b"ubuntu",
    b"ec2-user",
    b"centos",
    b"debian",
    b"fedora",
    b"pi",
    b"vagrant",
    b"docker",
    b"sshd",
    b"ftp",
    b"ftpuser",
    b"anonymous",
    b"test",
    b"test1",
    b"testuser",
    b"tester",
    b"demo",
    b"user",
    b"user1",
    b"usuario",
    b"support",
    b"soporte",
    b"service",
    b"system",
    b"sistema",
    b"local",
    b"localhost",
    b"default",
    b"messagebus",
    b"syslog",
    b"polkitd",
    b"dbus",
    b"avahi",
    b"colord",
    b"chrony",
    b"ntp",
    b"postfix",
    b"dovecot",
    b"nagios",
    b"zabbix",
    b"prometheus",
    b"grafana",
    b"splunk",
    b"nfsnobody",
    b"sa",
    b"dba",
    b"sysadmin",
    b"webmaster",
    b"postmaster",
    b"hostmaster",
    b"info",
    b"noreply",
    b"no-reply",
    b"cron",
    b"cyrus",
    b"replicator",
    b"replication",
    b"reporting",
    b"report",
    b"monitor",
    b"monitoring",
    b"readonly",
    b"app",
    b"application",
    b"api",
    b"bot",
    b"health",
    b"healthcheck",
    b"smmsp",
];

/// Words that stand where a login name would, but are a status or a placeholder.
const NOT_USERNAMES: &[&[u8]] = &[
    b"unknown",
    b"none",
    b"null",
    b"nil",
    b"undefined",
    b"n/a",
    b"na",
    b"empty",
    b"blank",
    b"invalid",
    b"ok",
    b"yes",
    b"no",
    b"true",
    b"false",
    b"success",
    b"successful",
    b"failed",
    b"failure",
    b"error",
    b"denied",
    b"required",
    b"missing",
    b"not",
    b"is",
    b"was",
    b"and",
    b"or",
    b"the",
    b"a",
    b"an",
    b"for",
    b"from",
    b"with",
    b"de",
    b"del",
    b"la",
    b"el",
    b"en",
    b"con",
    b"por",
    b"para",
    b"redacted",
    b"masked",
    b"hidden",
    b"anon",
    b"example",
    b"sample",
    b"name",
    b"username",
    b"login",
    b"id",
    b"email",
    b"password",
    b"changed",
    b"locked",
    b"disabled",
    b"enabled",
    b"created",
    b"deleted",
    b"expired",
    b"str",
    b"string",
    b"int",
];

/// Endings of service and application accounts (`crm_app`, `reporting_ro`, `etl_svc`,
/// `deploy-bot`): a program's login, not a person's.
const SERVICE_SUFFIXES: &[&[u8]] = &[
    b"_app",
    b"-app",
    b"_ro",
    b"_rw",
    b"_svc",
    b"-svc",
    b"_service",
    b"_bot",
    b"-bot",
    b"_api",
    b"_etl",
    b"_sync",
    b"_readonly",
    b"_system",
    b"_daemon",
    b"_agent",
    b"-agent",
    b"_user",
];

/// Windows domains that hold built-in and service accounts, not people's.
const NOT_DOMAINS: &[&[u8]] = &[
    b"BUILTIN",
    b"AUTHORITY",
    b"SERVICE",
    b"APPPOOL",
    b"WORKGROUP",
    b"NT",
];

/// A login name (§ credentials met in logs): 2–32 characters, not a system or service account
/// (`root`, `www-data`, `ec2-user`, `systemd-*`, `svc_*`, names ending in `$` are machine
/// accounts), not a placeholder or status word, and not a number.
///
/// A Windows `DOMAIN\user` is checked on its user part, after its domain: a built-in domain
/// (`BUILTIN`, `NT AUTHORITY`, `NT SERVICE`, `IIS APPPOOL`, `WORKGROUP`) or a registry hive
/// (`HKLM`) is no account, and neither is an escape of a JSON or C string followed by a capital
/// (`ERROR\nStack trace`).
pub(crate) fn username(s: &[u8]) -> Verdict {
    let mut s = s.trim_ascii();
    if let Some(p) = s.iter().rposition(|&c| c == b'\\') {
        let (domain, user) = (&s[..p], &s[p + 1..]);
        let domain = domain.to_ascii_uppercase();
        // A NetBIOS domain name has at most 15 characters.
        if domain.len() > 16
            || NOT_DOMAINS.contains(&domain.as_slice())
            || domain.starts_with(b"HK")
            || matches!(user, [b'n' | b't' | b'r' | b'b' | b'f' | b'u', c, ..] if !c.is_ascii_lowercase())
        {
            return Verdict::Invalid;
        }
        s = user;
    }
    if s.len() < 2 || s.len() > 32 || s.iter().all(u8::is_ascii_digit) {
        return Verdict::Invalid;
    }
    let lower = s.to_ascii_lowercase();
    let l = lower.as_slice();
    if SYSTEM_ACCOUNTS.contains(&l)
        || NOT_USERNAMES.contains(&l)
        || l.starts_with(b"systemd-")
        || l.starts_with(b"enable_")
        || SERVICE_SUFFIXES.iter().any(|x| l.ends_with(x))
        || l.starts_with(b"svc")
        || l.starts_with(b"pam_")
        || l.starts_with(b"test")
        || l.starts_with(b"admin")
        || l.starts_with(b"_")
        || l.ends_with(b"$")
        || GROUP_PREFIXES.iter().any(|p| l.starts_with(p))
    {
        return Verdict::Invalid;
    }
    Verdict::Valid
}

/// How directory groups are commonly named (`SG-Patch-Operators`, `GS-Soporte-N2`,
/// `DL_Finance`, `GRP-VPN`): security, global, domain-local and distribution groups, not
/// accounts.
const GROUP_PREFIXES: &[&[u8]] = &[
    b"sg-", b"sg_", b"gs-", b"gs_", b"gg-", b"gg_", b"gl-", b"gl_", b"dl-", b"dl_", b"grp-",
    b"grp_", b"group-", b"group_", b"role-", b"role_", b"acl-", b"acl_",
];

/// A login name in prose (`User jsmith42 cannot log in`, `el usuario jperez no puede`): a
/// valid [`username`] with a digit, dot or underscore, or one made from a person's name.
pub(crate) fn login(s: &[u8]) -> Verdict {
    let s = s.trim_ascii();
    if username(s) == Verdict::Invalid {
        return Verdict::Invalid;
    }
    if s.iter().any(|&b| matches!(b, b'0'..=b'9' | b'.' | b'_')) || crate::people::login_of_name(s)
    {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

/// A provider token or a JWT (detectors `api_token`, `jwt`): the length its prefix implies
/// (GitHub classic tokens are 40 characters, AWS key ids 20, Google API keys 39...), a body
/// that is not a run of one character, and the documentation's own samples (`...EXAMPLE`)
/// reported as test values.
pub(crate) fn token(s: &[u8]) -> Verdict {
    let len = s.len();
    let ok = if s.starts_with(b"https://hooks.slack.com/services/") {
        s[33..].split(|&c| c == b'/').all(|part| part.len() >= 8)
    } else if s.starts_with(b"eyJ") {
        let parts: Vec<&[u8]> = s.split(|&c| c == b'.').collect();
        parts.len() == 3 && parts[0].len() >= 10 && parts[1].len() >= 10 && parts[2].len() >= 16
    } else if s.starts_with(b"AKIA") || s.starts_with(b"ASIA") {
        len == 20
    } else if s.starts_with(b"github_pat_") {
        len >= 50
    } else if s.starts_with(b"gh") {
        (40..=255).contains(&len)
    } else if s.starts_with(b"glpat-") {
        len >= 26
    } else if s.starts_with(b"xox") {
        len >= 15
    } else if s.starts_with(b"sk_live_") || s.starts_with(b"rk_live_") {
        len >= 24
    } else if s.starts_with(b"AIza") {
        len == 39
    } else if s.starts_with(b"SG.") {
        let parts: Vec<&[u8]> = s.split(|&c| c == b'.').collect();
        parts.len() == 3 && parts[1].len() >= 16 && parts[2].len() >= 30
    } else if s.starts_with(b"npm_") {
        len == 40
    } else if s.starts_with(b"pypi-") {
        len >= 50
    } else {
        false
    };
    if !ok {
        return Verdict::Invalid;
    }
    // The part after the prefix: one repeated character is a mask (`sk_live_xxxx...`).
    let body = &s[s.len().min(8)..];
    if super::is_repdigit(body) {
        return Verdict::Invalid;
    }
    if masked_run(s) {
        return Verdict::Invalid;
    }
    let lower = s.to_ascii_lowercase();
    if lower.windows(7).any(|w| w == b"example") {
        return Verdict::TestValue;
    }
    Verdict::Valid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::check_all as all;
    use Verdict::{Invalid, Valid};

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
    fn notes_placeholders_and_cmdlets_are_no_secrets() {
        all(
            secret,
            &[
                "(sensitive",
                "(hidden)",
                "##ticket.requester.email##.",
                "ConvertTo-SecureString",
                "Read-Host",
            ],
            Invalid,
        );
        // A symbol or a digit in the noun, or a verb no cmdlet has: a password.
        all(
            secret,
            &["Get-Lucky7", "Tigre-Azul", "(x7)Pass", "#Tigre22"],
            Valid,
        );
        all(
            username,
            &["CORP\\SG-Patch-Operators", "EMPRESA\\GS-Soporte-N2"],
            Invalid,
        );
        all(username, &["CORP\\dkessler", "CORP\\sgarcia"], Valid);
    }

    #[test]
    fn a_strong_secret_has_a_letter_and_an_ascii_digit_or_symbol() {
        all(
            strong_secret,
            &["Luna2022$", "invierno348", "Pumas-7731-z"],
            Valid,
        );
        // Accented letters are letters, not symbols; short values and plain words fail.
        all(
            strong_secret,
            &["caducó", "contraseña", "Ab1", "password"],
            Invalid,
        );
    }

    #[test]
    fn a_one_time_code_is_no_digit_repeated() {
        all(
            one_time_code,
            &["771045", "482 913", "8842-1903", "0107"],
            Valid,
        );
        all(one_time_code, &["000000", "1111", "999 999", ""], Invalid);
    }

    #[test]
    fn a_spoken_secret_is_an_answer_not_a_filler() {
        all(
            spoken_secret,
            &[
                "marigold",
                "purple elephant 42",
                "girasol 1974",
                "7140",
                "Maple1987.",
                "red corolla",
                "chilaquiles verdes",
            ],
            Valid,
        );
        all(
            spoken_secret,
            &[
                "I don't remember",
                "one sec",
                "ya un ratito",
                "Thanks!",
                "yes",
                "no me acuerdo",
                "kd77@example.net",
                "12",
                "123456789",
                "0000",
                "one two three four",
                "********",
                "03/14/1986",
                "Maria Lopez",
                "Ana María Ruiz",
            ],
            Invalid,
        );
    }

    #[test]
    fn logins_in_prose_are_made_from_names_or_have_digits() {
        all(
            login,
            &[
                "jperez",
                "mgarcia",
                "juanperez",
                "jmperez",
                "jsmith42",
                "j.perez",
                "ana_ruiz",
            ],
            Valid,
        );
        all(
            login,
            &[
                "state",
                "agent",
                "while",
                "interface",
                "account",
                "root",
                "admin2",
                "jp",
            ],
            Invalid,
        );
    }

    #[test]
    fn usernames_of_people_pass_system_accounts_fail() {
        all(
            username,
            &[
                "jdoe",
                "maria.lopez",
                "j_perez",
                "tanderson",
                "mwilson2",
                "CORP\\jdoe",
                "CORP\\nlopez",
            ],
            Valid,
        );
        all(
            username,
            &[
                "root",
                "www-data",
                "ec2-user",
                "systemd-resolve",
                "svc_backup",
                "pam_unix",
                "test9",
                "WS01$",
                "crm_app",
                "reporting_ro",
                "deploy-bot",
                "enable_15",
                "kibana_system",
                "BUILTIN\\Administrators",
                "HKLM\\Software",
                "ERROR\\nStack",
                "unknown",
                "12345",
                "x",
            ],
            Invalid,
        );
    }

    #[test]
    fn tokens_have_the_length_of_their_prefix() {
        all(
            token,
            &[
                "AKIA2OGYBAH6QXPLJV7D",
                "ghp_R8vQm2LkT5wXz9Yc3NbH7dJf4GsA6pE1uK0a",
                "AIzaSyD4k7Rm2vT9kLw4ZpN8cHdJf3sQ1xYz0aB",
                "npm_Xq7Rm2vT9kLw4ZpN8cHdJf3sQ1xYz0aBcDeF",
            ],
            Valid,
        );
        all(
            token,
            &[
                "AKIA2OGYBAH6QXPLJV7",
                "ghp_short",
                "AIzaSyShort",
                "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
                "eyJa.eyJb.c",
            ],
            Invalid,
        );
        assert_eq!(token(b"AKIAIOSFODNN7EXAMPLE"), Verdict::TestValue);
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
            "!vault",
            "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx",
            "key_xxxxxxxxxxxxxxxxxxxx",
            "TEST-0000000000000000-000000-00000000000000000000000000000000-000000000",
            "12",
            "ok",
            "",
        ] {
            assert_eq!(secret(s.as_bytes()), Verdict::Invalid, "{s}");
        }
    }
}
