//! Keyed fields: the value a key names in JSON, XML, YAML, LDIF, logfmt and form bodies, read
//! the way a CSV column is read.
//!
//! A help-desk export is a CSV file as often as it is a JSON document, an XML message or an LDIF
//! dump, and the same field travels under the same names in all of them: `"cuenta":"23145447190"`,
//! `<licencia>44719021</licencia>`, `schacPlaceOfBirth: Ourense`, `dob=1985-04-12`. A column
//! header makes the column-only detectors (bare dates, bare account numbers, bare place names)
//! read its cells; this module finds where a key ends and its value starts, so that the same
//! detectors, with the same word lists, read the value of a key that names them.
//!
//! A key is the token a context word ends: nothing but key bytes (letters, digits, `_`, `-`, `.`)
//! joins the word to the key's start, and the key stands where keys stand, at the start of a line
//! or after a quote, `<`, `{`, `[`, `,`, `;`, `&`, `?`, `:` or white space (not after `(`:
//! `pam_unix(passwd:chauthtok)` is a function and its argument). `customer_dob` and
//! `patientBirthPlace` are keys that end with a word; `dob_verified` is not one, since its last
//! word is not the detector's. The value is what follows one of the separators keys take:
//! `"key": "v"`, `'key' => 'v'`, `<key>v<`, `Name="key">v<`, `key: v`, `key = v`, `key=v`;
//! when the value is an object, its `number`, `numero`, `value` or `text` member holds it
//! (`"licencia":{"numero":"1198353100"}`). FHIR writes a coded field as a URL whose last
//! segment names it, and the value as the next `value…` member: `{"url":"…/patient-birthPlace",
//! "valueAddress":{"text":"Tulsa"}}`, `{"system":"…/mrn","value":"00482913"}`.

/// How a value ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// At this offset: the closing quote of a quoted value or the `<` after an XML element's text.
    At(usize),
    /// Unquoted: at the end of its field, or of its first word when the field has several
    /// ([`bare_value`]).
    Bare {
        /// The end of the field.
        field: usize,
        /// The end of the first word.
        word: Option<usize>,
    },
}

impl End {
    /// The offsets the value may end at, the likelier first.
    pub fn candidates(self) -> impl Iterator<Item = usize> {
        let (first, second) = match self {
            End::At(e) => (e, None),
            End::Bare { field, word } => (field, word),
        };
        std::iter::once(first).chain(second)
    }
}

/// The longest key read back from its last word.
const KEY_MAX: usize = 48;
/// The longest quoted value or element text looked at.
const VALUE_MAX: usize = 256;

/// Bytes a key is made of: ASCII letters and digits, `_`, `-`, `.`, and the bytes of UTF-8
/// sequences (`contraseña`, `número`).
fn key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.') || b >= 0x80
}

/// The ends a bare value starting at `vs` may have: the end of its field (the line's end or a
/// byte that closes or separates fields, trailing blanks left out), and, when the field holds
/// several words, the end of the first one (`dob=1985-04-12 ip=10.0.0.1` in logfmt).
pub fn bare_value(hay: &[u8], vs: usize) -> (usize, Option<usize>) {
    let stop = (vs + VALUE_MAX).min(hay.len());
    let field = hay[vs..stop]
        .iter()
        .position(|&b| {
            matches!(
                b,
                b'\r'
                    | b'\n'
                    | b','
                    | b';'
                    | b'&'
                    | b'}'
                    | b']'
                    | b')'
                    | b'|'
                    | b'<'
                    | b'"'
                    | b'\''
            )
        })
        .map_or(stop, |i| vs + i);
    let field = vs + hay[vs..field].trim_ascii_end().len();
    let word = hay[vs..field]
        .iter()
        .position(|&b| matches!(b, b' ' | b'\t'))
        .map(|i| vs + i);
    (field, word)
}

/// A quote token at `at`: `"`, `'`, or the `\"` of a JSON string inside a JSON string. Returns
/// its bytes.
fn quote_at(hay: &[u8], at: usize) -> Option<&'static [u8]> {
    match hay.get(at)? {
        b'"' => Some(b"\""),
        b'\'' => Some(b"'"),
        b'\\' if hay.get(at + 1) == Some(&b'"') => Some(b"\\\""),
        _ => None,
    }
}

/// Skips spaces and tabs (at most a few) from `at`.
fn skip_blanks(hay: &[u8], mut at: usize) -> usize {
    let stop = (at + 4).min(hay.len());
    while at < stop && matches!(hay[at], b' ' | b'\t') {
        at += 1;
    }
    at
}

/// The first offset of `needle` in `hay[from..]` within [`VALUE_MAX`] bytes and on the same line.
fn find_on_line(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let stop = (from + VALUE_MAX).min(hay.len());
    let line = &hay[from..stop];
    let nl = memchr::memchr(b'\n', line).unwrap_or(line.len());
    memchr::memmem::find(&line[..nl], needle).map(|i| from + i)
}

/// When the word at `start..end` ends a key, where the key's value starts and how it ends.
pub fn value_after_key(hay: &[u8], start: usize, end: usize) -> Option<(usize, End)> {
    // The key's start: key bytes back from the word, then a byte keys follow.
    let mut ks = start;
    while ks > 0 && start - ks < KEY_MAX && key_byte(hay[ks - 1]) {
        ks -= 1;
    }
    let before = if ks == 0 { b'\n' } else { hay[ks - 1] };
    if ks > 0 && key_byte(before) {
        return None; // longer than any key
    }
    if before == b'/' {
        return coded_value(hay, end);
    }
    if !matches!(
        before,
        b'\n'
            | b'\r'
            | b' '
            | b'\t'
            | b'"'
            | b'\''
            | b'<'
            | b'{'
            | b','
            | b';'
            | b'&'
            | b'?'
            | b':'
            | b'['
    ) {
        return None;
    }
    let mut at = end;
    // A quoted key: `"key": v`, `'key' => v`, `Name="key">v<`.
    if let Some(q) = quote_at(hay, at) {
        let opened = ks >= q.len() && &hay[ks - q.len()..ks] == q;
        if !opened {
            return None;
        }
        at += q.len();
        if hay.get(at) == Some(&b'>') {
            return element_text(hay, at + 1);
        }
        // An attribute names the key and another holds the value: .NET's `<add
        // key="DbPassword" value="x"/>`; or a SAML attribute's `FriendlyName="givenName"`
        // before more attributes, its value in the element (see [`element_text`]).
        if q == b"\"" && hay.get(at) == Some(&b' ') {
            let rest = &hay[at..(at + VALUE_MAX).min(hay.len())];
            let rest = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
            let attr = &hay[ks.saturating_sub(16)..ks - 1];
            let value_attr = memchr::memmem::find(rest, b" value=\"")
                .or_else(|| memchr::memmem::find(rest, b" Value=\""));
            if let Some(i) =
                value_attr.filter(|_| attr.ends_with(b"key=") || attr.ends_with(b"Key="))
            {
                let vs = at + i + 8;
                return closed_by(hay, vs, b"\"");
            }
            if attr.ends_with(b"Name=") || attr.ends_with(b"name=") {
                let gt = find_on_line(hay, at, b">")?;
                if hay[gt - 1] != b'/' {
                    return element_text(hay, gt + 1);
                }
            }
            return None;
        }
        at = skip_blanks(hay, at);
        at = separator(hay, at)?;
    } else if before == b'<' {
        // An XML element: `<key>v<` or `<key attr="x">v<`.
        let gt = match hay.get(at)? {
            b'>' => at,
            b' ' => find_on_line(hay, at, b">")?,
            _ => return None,
        };
        if hay[gt - 1] == b'/' {
            return None; // an empty element
        }
        return closed_by(hay, gt + 1, b"<");
    } else {
        at = skip_blanks(hay, at);
        at = separator(hay, at)?;
    }
    value_at(hay, skip_blanks(hay, at), true)
}

/// The value that starts at `at`, after a key's separator: quoted, bare, or, when `nested`, the
/// one member of an object that holds it (`"licencia":{"numero":"1198353100", …}`,
/// `"valueAddress":{"text":"Tulsa, Oklahoma"}`).
fn value_at(hay: &[u8], at: usize, nested: bool) -> Option<(usize, End)> {
    if let Some(q) = quote_at(hay, at) {
        return closed_by(hay, at + q.len(), q);
    }
    match hay.get(at)? {
        b'{' if nested => {
            let at = skip_blanks(hay, at + 1);
            let q = quote_at(hay, at)?;
            let ks = at + q.len();
            let ke = ks
                + hay[ks..]
                    .iter()
                    .take(8)
                    .take_while(|b| key_byte(**b))
                    .count();
            if !INNER_KEYS
                .iter()
                .any(|k| hay[ks..ke].eq_ignore_ascii_case(k))
            {
                return None;
            }
            if hay.get(ke..ke + q.len()) != Some(q) {
                return None;
            }
            let at = separator(hay, skip_blanks(hay, ke + q.len()))?;
            value_at(hay, skip_blanks(hay, at), false)
        }
        b'\r' | b'\n' | b'{' | b'[' => None,
        _ => {
            let (field, word) = bare_value(hay, at);
            Some((at, End::Bare { field, word }))
        }
    }
}

/// The members that hold an object's value when a key names the object: its number, text or
/// value (English and Spanish).
const INNER_KEYS: [&[u8]; 9] = [
    b"number", b"numero", b"num", b"nro", b"no", b"value", b"valor", b"text", b"texto",
];

/// A coded field, where the key is the last segment of a URL or URN that names the field and
/// the value follows as the next `value…` member: FHIR extensions and identifiers
/// (`{"url":"…/patient-birthPlace","valueAddress":{"text":"Tulsa"}}`,
/// `{"system":"http://hospital.example.org/mrn","value":"00482913"}`).
fn coded_value(hay: &[u8], end: usize) -> Option<(usize, End)> {
    let q = quote_at(hay, end)?;
    let mut at = end + q.len();
    if hay.get(at) != Some(&b',') {
        return None;
    }
    at = skip_blanks(hay, at + 1);
    let q2 = quote_at(hay, at)?;
    at += q2.len();
    if !hay[at..].starts_with(b"value") {
        return None;
    }
    at += 5;
    while at < hay.len() && hay[at].is_ascii_alphabetic() {
        at += 1;
    }
    if hay.get(at..at + q2.len()) != Some(q2) {
        return None;
    }
    let at = separator(hay, skip_blanks(hay, at + q2.len()))?;
    value_at(hay, skip_blanks(hay, at), true)
}

/// The byte after a key's separator at `at`: `:` (not `::` or `://`), `=` (not `==`), `=>`.
fn separator(hay: &[u8], at: usize) -> Option<usize> {
    match hay.get(at)? {
        b':' => match hay.get(at + 1) {
            Some(b':') => None,
            Some(b'/') if hay.get(at + 2) == Some(&b'/') => None,
            _ => Some(at + 1),
        },
        b'=' => match hay.get(at + 1) {
            Some(b'=') => None,
            Some(b'>') => Some(at + 2),
            _ => Some(at + 1),
        },
        _ => None,
    }
}

/// The text of the element whose start tag ends just before `at`: written there (`<Data
/// Name="TargetUserName">amarsh<`), or held by a child value element, as a SAML attribute holds
/// its value (`<saml2:Attribute Name="nombre"><saml2:AttributeValue>Ainhoa<`), maybe on the next
/// line.
pub(crate) fn element_text(hay: &[u8], at: usize) -> Option<(usize, End)> {
    let mut p = at;
    let stop = (at + 16).min(hay.len());
    while p < stop && hay[p].is_ascii_whitespace() {
        p += 1;
    }
    if hay.get(p) == Some(&b'<') {
        let gt = find_on_line(hay, p, b">")?;
        let tag = &hay[p + 1..gt];
        let name = &tag[..tag.iter().position(|&b| b == b' ').unwrap_or(tag.len())];
        if name.len() >= 5 && name[name.len() - 5..].eq_ignore_ascii_case(b"value") {
            return closed_by(hay, gt + 1, b"<");
        }
    }
    closed_by(hay, at, b"<")
}

/// A value that starts at `vs` and is closed on its line by `close`: the quote that opened it,
/// or the `<` after an XML element's text. Empty values are none.
fn closed_by(hay: &[u8], vs: usize, close: &[u8]) -> Option<(usize, End)> {
    let e = find_on_line(hay, vs, close)?;
    (e > vs).then_some((vs, End::At(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value after the key word `word` (its first occurrence) in `text`, as text, with
    /// whether it ends at a fixed offset.
    fn value(text: &str, word: &str) -> Option<(String, bool)> {
        let hay = text.as_bytes();
        let start = text.find(word).expect("word in text");
        let (vs, end) = value_after_key(hay, start, start + word.len())?;
        Some(match end {
            End::At(e) => (text[vs..e].to_string(), true),
            End::Bare { .. } => (text[vs..].to_string(), false),
        })
    }

    #[test]
    fn values_of_keys_in_each_syntax() {
        let fixed = |s: &str| Some((s.to_string(), true));
        let bare = |s: &str| Some((s.to_string(), false));
        assert_eq!(
            value(r#"{"cuenta":"23145447190","x":1}"#, "cuenta"),
            fixed("23145447190")
        );
        assert_eq!(
            value(r#"{"cuenta": 23145447190}"#, "cuenta"),
            bare("23145447190}")
        );
        assert_eq!(
            value(r#"{'afp': 'Modelo', 'cuenta': '0004'}"#, "cuenta"),
            fixed("0004")
        );
        assert_eq!(
            value(r#":account_number=>"88012244719", :w"#, "account_number"),
            fixed("88012244719")
        );
        assert_eq!(
            value("<licencia>44719021</licencia>", "licencia"),
            fixed("44719021")
        );
        assert_eq!(
            value(r#"<Id type="x">B30954267</Id>"#, "Id"),
            fixed("B30954267")
        );
        assert_eq!(
            value(r#"<Data Name="TargetUserName">amarsh</Data>"#, "UserName"),
            fixed("amarsh")
        );
        assert_eq!(
            value(
                "<saml2:Attribute Name=\"segundoApellido\"><saml2:AttributeValue>Pascual</saml2:AttributeValue>",
                "Apellido"
            ),
            fixed("Pascual")
        );
        assert_eq!(
            value(
                "<saml:Attribute Name=\"urn:oid:2.5.4.42\" FriendlyName=\"givenName\" NameFormat=\"uri\">\n  <saml:AttributeValue xsi:type=\"xs:string\">Ainhoa</saml:AttributeValue>",
                "givenName"
            ),
            fixed("Ainhoa")
        );
        assert_eq!(
            value(
                r#"<add key="DbPassword" value="Pumas-7731-z" />"#,
                "Password"
            ),
            fixed("Pumas-7731-z")
        );
        assert_eq!(value(r#"<add key="Password" />"#, "Password"), None);
        assert_eq!(
            value("schacPlaceOfBirth: Ourense\npostal", "PlaceOfBirth"),
            bare("Ourense\npostal")
        );
        assert_eq!(
            value("a dob=1985-04-12 ip=1", "dob"),
            bare("1985-04-12 ip=1")
        );
        assert_eq!(
            value(r#"{\"dob\":\"1985-04-12\"}"#, "dob"),
            fixed("1985-04-12")
        );
        assert_eq!(value("DOB : 04/12/1985", "DOB"), bare("04/12/1985"));
        // An object that holds the value, and FHIR's coded fields.
        assert_eq!(
            value(
                r#""licencia":{"numero":"1198353100","cat":"B1"}"#,
                "licencia"
            ),
            fixed("1198353100")
        );
        assert_eq!(
            value(r#""dob": { "value": 19850412 }"#, "dob"),
            bare("19850412 }")
        );
        let fhir = r#"{"url":"http://hl7.org/fhir/StructureDefinition/patient-birthPlace","valueAddress":{"text":"Tulsa, Oklahoma"}}"#;
        assert_eq!(value(fhir, "birthPlace"), fixed("Tulsa, Oklahoma"));
        let mrn = r#"{"system":"http://hospital.example.org/mrn","value":"00482913"}"#;
        assert_eq!(value(mrn, "mrn"), fixed("00482913"));
    }

    proptest::proptest! {
        /// Any bytes made of the pieces the reader looks at, and any word in them: it never
        /// panics, and a value starts after the word and ends within the text.
        #[test]
        fn values_lie_after_their_key_on_any_text(
            pieces in proptest::collection::vec(0usize..PIECES.len(), 0..24),
            word in (0usize..64, 0usize..12),
        ) {
            let text: Vec<u8> = pieces.iter().flat_map(|&i| PIECES[i].iter().copied()).collect();
            let start = word.0.min(text.len());
            let end = (start + word.1).min(text.len());
            if let Some((vs, how)) = value_after_key(&text, start, end) {
                proptest::prop_assert!(vs >= end && vs <= text.len());
                match how {
                    End::At(e) => proptest::prop_assert!(e > vs && e <= text.len()),
                    End::Bare { field, word } => {
                        proptest::prop_assert!(field >= vs && field <= text.len());
                        proptest::prop_assert!(word.is_none_or(|w| w >= vs && w <= field));
                    }
                }
            }
        }
    }

    const PIECES: &[&[u8]] = &[
        b"dob",
        b"\"",
        b"'",
        b"\\\"",
        b":",
        b"=",
        b"=>",
        b">",
        b"<",
        b"/",
        b"{",
        b"}",
        b" ",
        b"\n",
        b",",
        b"value",
        b"numero",
        b"valueString",
        b"1985",
        b"x",
        b"\xC3\xB1",
    ];

    #[test]
    fn bare_values_end_at_their_field_or_first_word() {
        let ends = |text: &str| {
            let (f, w) = bare_value(text.as_bytes(), 0);
            (text[..f].to_string(), w.map(|w| text[..w].to_string()))
        };
        assert_eq!(ends("Ourense\npostal"), ("Ourense".into(), None));
        assert_eq!(
            ends("1985-04-12 ip=1"),
            ("1985-04-12 ip=1".into(), Some("1985-04-12".into()))
        );
        assert_eq!(ends("Rosario, Santa Fe"), ("Rosario".into(), None));
        assert_eq!(ends("23145447190}  "), ("23145447190".into(), None));
        assert_eq!(
            ends("San Juan  \r\n"),
            ("San Juan".into(), Some("San".into()))
        );
    }

    #[test]
    fn words_that_do_not_end_a_key() {
        // The word does not end the key, or nothing keyed follows it.
        assert_eq!(value(r#"{"dob_verified": true}"#, "dob"), None);
        assert_eq!(value("the account is locked", "account"), None);
        assert_eq!(value("std::account::new()", "account"), None);
        assert_eq!(value("see https://dob.example/x", "dob"), None);
        assert_eq!(value("if dob == null", "dob"), None);
        assert_eq!(value("<dob/>", "dob"), None);
        assert_eq!(
            value("pam_unix(passwd:chauthtok): password changed", "passwd"),
            None
        );
        assert_eq!(value("<dob></dob>", "dob"), None);
        assert_eq!(value(r#"{"dob":""}"#, "dob"), None);
        assert_eq!(value("dob:\nnext", "dob"), None);
        assert_eq!(value(r#""dob":{"year":1985}"#, "dob"), None);
        assert_eq!(value(r#""dob":["1985"]"#, "dob"), None);
        assert_eq!(value("GET /dob?x=1", "dob"), None);
        assert_eq!(
            value(r#"{"url":"https://x.example/mrn","code":"44"}"#, "mrn"),
            None
        );
        // A quote after the word that opened nothing.
        assert_eq!(value(r#"dob": "1985""#, "dob"), None);
    }
}
