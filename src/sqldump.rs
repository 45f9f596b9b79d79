//! SQL dumps and query logs: rows whose column names are declared away from their values.
//!
//! `INSERT INTO customers (first_name, last_name, birth_date) VALUES ('Dana', 'Whitlock',
//! '1979-08-14')` names its columns once, and a PostgreSQL `COPY … (cols) FROM stdin;` block
//! or a mysqldump `INSERT` without a column list (its `CREATE TABLE` came before) holds
//! thousands of rows under one declaration. Read as text, `'Dana'` is a lone capitalised word
//! and `'1979-08-14'` a date with no birth word near it; read as a table, each is a value
//! under a column name that says what it is, exactly like a cell of a CSV export.
//!
//! This module finds such statements and lays their rows out as a tab-separated table, the
//! column names on its first line, with a map from each byte of that table back to the
//! statement's bytes. The engine scans the table like a CSV export (column names are context,
//! name columns hold names) and reports findings at the original bytes. String literals are
//! unquoted (`'O''Brien'` reads `O'Brien`); a row whose number of values differs from the
//! number of columns is left out, since its values cannot be told apart.
//!
//! Statements in logs are often fragments (truncated lines, statements split across a chunk
//! boundary), and findings must map back to byte offsets, so this is a tolerant scanner of the
//! few statement shapes that carry rows, not a SQL parser: anything it does not recognise is
//! simply left to the plain scan.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// Statements that start this far before a chunk are read for rows inside it (a mysqldump
/// line or a `COPY` block that began in the previous chunk).
pub const LOOKBACK: usize = 8 << 20;
/// A table with more columns than this is not laid out (no export has them; a runaway parse
/// does).
const MAX_COLUMNS: usize = 512;

/// A table laid out from one statement: column names on the first line, one row per line,
/// cells separated by tabs.
#[derive(Debug, Default)]
pub struct View {
    /// The table's bytes.
    pub text: Vec<u8>,
    /// Per byte of `text`, and one past its end: the offset in the haystack it stands for. A
    /// separator the layout adds maps to the end of the value before it.
    map: Vec<usize>,
    /// Length of the header line, its line break included.
    header_len: usize,
}

impl View {
    /// The header line (column names, tab-separated).
    pub fn header(&self) -> &[u8] {
        &self.text[..self.header_len.saturating_sub(1)]
    }

    /// Where the rows begin in `text`: a hit before this lies on the header line.
    pub fn rows_start(&self) -> usize {
        self.header_len
    }

    /// The haystack's byte range for a range of `text`.
    pub fn source(&self, r: Range<usize>) -> Range<usize> {
        self.map[r.start]..self.map[r.end]
    }

    /// A view whose header line names `columns`; its bytes map to `at`.
    pub(crate) fn new(columns: &[impl AsRef<[u8]>], at: usize) -> View {
        let mut v = View::default();
        for (i, c) in columns.iter().enumerate() {
            if i > 0 {
                v.push(b'\t', at);
            }
            for &b in c.as_ref() {
                v.push(cell_byte(b), at);
            }
        }
        v.push(b'\n', at);
        v.header_len = v.text.len();
        v
    }

    /// Appends byte `b`, standing for the haystack byte at `at`.
    pub(crate) fn push(&mut self, b: u8, at: usize) {
        self.text.push(b);
        self.map.push(at);
    }

    /// Appends the haystack bytes `r` as a cell holds them (see [`cell_byte`]).
    pub(crate) fn push_cell(&mut self, hay: &[u8], r: Range<usize>) {
        for i in r {
            self.push(cell_byte(hay[i]), i);
        }
    }

    /// Whether any row was laid out.
    pub(crate) fn has_rows(&self) -> bool {
        self.text.len() > self.header_len
    }

    /// Closes the map: one past the last byte stands for `end`.
    pub(crate) fn finish(mut self, end: usize) -> View {
        self.map.push(end);
        self
    }
}

#[cfg(test)]
impl View {
    /// The table's lines cut into cells: what the readers' tests compare.
    pub(crate) fn cells(&self) -> Vec<Vec<String>> {
        String::from_utf8_lossy(&self.text)
            .lines()
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect()
    }
}

/// A byte as a cell holds it: tabs and line breaks would split the table and a double quote
/// would start a quoted field, so they become a space and a single quote.
fn cell_byte(b: u8) -> u8 {
    match b {
        b'\t' | b'\n' | b'\r' => b' ',
        b'"' => b'\'',
        b => b,
    }
}

/// The statement keywords, found in one pass.
fn keywords() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build([
                "INSERT", "insert", "Insert", "REPLACE", "replace", "COPY", "CREATE", "create",
                "Create",
            ])
            .expect("static keywords build")
    })
}

/// Which statement a keyword starts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Insert,
    Copy,
    Create,
}

/// A table declared by `CREATE TABLE`: its name (unquoted, lower-case, without schema) and
/// columns.
struct Declared {
    name: Vec<u8>,
    columns: Vec<Vec<u8>>,
}

/// The tables laid out from the statements that have rows starting in `range` (rows end by
/// `limit`). Statements may start up to [`LOOKBACK`] before `range`; only their rows that start
/// inside it are laid out, so each row belongs to exactly one chunk.
pub fn views(hay: &[u8], range: Range<usize>, limit: usize) -> Vec<View> {
    let limit = limit.min(hay.len());
    let from = range.start.saturating_sub(LOOKBACK);
    let mut out = Vec::new();
    let mut declared: Vec<Declared> = Vec::new();
    let mut pos = from;
    while pos < range.end {
        let Some(m) = keywords().find(&hay[pos..range.end]) else {
            break;
        };
        let at = pos + m.start();
        let kw_end = pos + m.end();
        pos = kw_end;
        if at > 0 && is_ident_byte(hay[at - 1]) || kw_end < hay.len() && is_ident_byte(hay[kw_end])
        {
            continue;
        }
        let kind = match m.pattern().as_usize() {
            0..=4 => Kind::Insert,
            5 => Kind::Copy,
            _ => Kind::Create,
        };
        let mut p = Parser {
            hay,
            pos: kw_end,
            limit,
        };
        match kind {
            Kind::Create => {
                if let Some(d) = p.create_table() {
                    declared.retain(|t| t.name != d.name);
                    declared.push(d);
                }
            }
            Kind::Insert => {
                if let Some(v) = p.insert(&declared, &range) {
                    out.push(v);
                }
            }
            Kind::Copy => {
                if let Some(v) = p.copy(&range) {
                    out.push(v);
                }
            }
        }
        // Rows are read to the statement's end, so the next keyword is searched after it.
        pos = pos.max(p.pos);
    }
    out
}

/// How far after a prepared statement its bound values are looked for.
const BIND_WINDOW: usize = 8 << 10;

/// The number written in ASCII digits `digits`.
fn number(digits: &[u8]) -> Option<usize> {
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// `?` (numbered by position: `None`), `$3` or `?3`: the placeholder's number.
fn placeholder_number(v: &[u8]) -> Option<usize> {
    let digits = v.strip_prefix(b"$").or_else(|| v.strip_prefix(b"?"))?;
    number(digits).filter(|&n| n > 0 && n <= MAX_COLUMNS)
}

/// The values bound to a prepared statement that ended at `from`, laid out under the columns
/// their placeholders stand for (`by_number[n]` for placeholder `n`), as one row:
///
/// - Hibernate 5: `binding parameter [2] as [VARCHAR] - [Rosales]`;
/// - Hibernate 6: `binding parameter (2:VARCHAR) <- [Rosales]`;
/// - PostgreSQL: `DETAIL:  parameters: $1 = 'Nayeli', $2 = 'Rosales'`.
///
/// Lines are read up to [`BIND_WINDOW`] bytes on, and stop at the next statement. Only values
/// that start in `range` are laid out (each belongs to one chunk).
fn bound_values(
    hay: &[u8],
    from: usize,
    limit: usize,
    range: &Range<usize>,
    by_number: &[Option<&[u8]>],
) -> Option<View> {
    let end = limit.min(from + BIND_WINDOW);
    let mut found: Vec<(&[u8], Range<usize>)> = Vec::new();
    let mut ls = from + memchr::memchr(b'\n', &hay[from..end])? + 1;
    while ls < end {
        let le = memchr::memchr(b'\n', &hay[ls..end]).map_or(end, |i| ls + i);
        let line = &hay[ls..le];
        if let Some(i) = memchr::memmem::find(line, b"binding parameter ") {
            let rest = &line[i + 18..];
            let close = match rest.first() {
                Some(b'[') => b']',
                Some(b'(') => b':',
                _ => break,
            };
            let n_end = rest.iter().position(|&b| b == close)?;
            let n = number(&rest[1..n_end])?;
            // The value: the last `[…]` of the line.
            let (Some(vs), Some(ve)) = (
                memchr::memrchr(b'[', line),
                memchr::memrchr(b']', line).filter(|&j| line.len() - j <= 2),
            ) else {
                break;
            };
            if let Some(Some(col)) = by_number.get(n) {
                found.push((col, ls + vs + 1..ls + ve));
            }
        } else if let Some(i) = memchr::memmem::find(line, b"parameters: $") {
            let mut p = ls + i + 12;
            while p < le && hay[p] == b'$' {
                let n_end = p
                    + 1
                    + hay[p + 1..le]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count();
                let n = number(&hay[p + 1..n_end])?;
                let q = n_end
                    + hay[n_end..le]
                        .iter()
                        .take_while(|&&b| b == b' ' || b == b'=')
                        .count();
                if hay.get(q) != Some(&b'\'') {
                    // NULL or a number: nothing to read; on to the next `, $`.
                    match memchr::memmem::find(&hay[q..le], b", $") {
                        Some(k) => {
                            p = q + k + 2;
                            continue;
                        }
                        None => break,
                    }
                }
                let mut j = q + 1;
                while j < le && !(hay[j] == b'\'' && hay.get(j + 1) != Some(&b'\'')) {
                    j += if hay[j] == b'\'' { 2 } else { 1 };
                }
                if let Some(Some(col)) = by_number.get(n) {
                    found.push((col, q + 1..j.min(le)));
                }
                p = j + 1;
                while p < le && matches!(hay[p], b',' | b' ') {
                    p += 1;
                }
            }
            break;
        } else if !found.is_empty() || keywords().find(line).is_some() {
            break;
        }
        ls = le + 1;
    }
    found.retain(|(_, r)| range.contains(&r.start));
    if found.is_empty() {
        return None;
    }
    // The bound columns in the order of their values (so the table's bytes map to increasing
    // offsets), then the statement's other columns with empty cells, so that the header
    // names them all.
    let mut columns: Vec<&[u8]> = found.iter().map(|(c, _)| *c).collect();
    for &c in by_number.iter().flatten() {
        if !columns.contains(&c) {
            columns.push(c);
        }
    }
    let mut view = View::new(&columns, found[0].1.start);
    let mut at = found[0].1.start;
    for (i, col) in columns.iter().enumerate() {
        if i > 0 {
            view.push(b'\t', at);
        }
        let Some((_, r)) = found.iter().find(|(c, _)| c == col) else {
            continue;
        };
        at = r.end;
        // `'O''Brien'` reads `O'Brien`.
        let mut j = r.start;
        while j < r.end {
            if hay[j] == b'\'' && j + 1 < r.end && hay[j + 1] == b'\'' {
                j += 1;
            }
            view.push(cell_byte(hay[j]), j);
            j += 1;
        }
    }
    view.push(b'\n', at);
    Some(view.finish(at))
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A cursor over one statement.
struct Parser<'h> {
    hay: &'h [u8],
    pos: usize,
    limit: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        (self.pos < self.limit).then(|| self.hay[self.pos])
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    /// A bare word (letters, digits, `_`), as written.
    fn word(&mut self) -> Option<Range<usize>> {
        self.skip_ws();
        let s = self.pos;
        while self.peek().is_some_and(is_ident_byte) {
            self.pos += 1;
        }
        (self.pos > s).then_some(s..self.pos)
    }

    /// Consumes the keyword `kw` (any case) if it comes next.
    fn keyword(&mut self, kw: &str) -> bool {
        let save = self.pos;
        match self.word() {
            Some(w) if self.hay[w.clone()].eq_ignore_ascii_case(kw.as_bytes()) => true,
            _ => {
                self.pos = save;
                false
            }
        }
    }

    /// Consumes up to two modifier words (`TEMPORARY`, `IGNORE`, `OR REPLACE`) and then `kw`.
    fn words_then(&mut self, kw: &str) -> bool {
        for _ in 0..3 {
            if self.keyword(kw) {
                return true;
            }
            if self.word().is_none() {
                return false;
            }
        }
        false
    }

    /// Consumes `b` if it comes next (after white space).
    fn byte(&mut self, b: u8) -> bool {
        self.skip_ws();
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// One identifier, bare or quoted (`name`, `"name"`, `` `name` ``, `[name]`): its text.
    fn ident(&mut self) -> Option<Vec<u8>> {
        self.skip_ws();
        let close = match self.peek()? {
            b'"' => b'"',
            b'`' => b'`',
            b'[' => b']',
            _ => return self.word().map(|w| self.hay[w].to_vec()),
        };
        let s = self.pos + 1;
        let e = s + memchr::memchr(close, &self.hay[s..self.limit])?;
        if e == s || e - s > 128 || self.hay[s..e].contains(&b'\n') {
            return None;
        }
        self.pos = e + 1;
        Some(self.hay[s..e].to_vec())
    }

    /// A table name, perhaps schema-qualified (`public.employees`): the last part, lower-case.
    fn table_name(&mut self) -> Option<Vec<u8>> {
        let mut name = self.ident()?;
        while self.peek() == Some(b'.') {
            self.pos += 1;
            name = self.ident()?;
        }
        name.make_ascii_lowercase();
        Some(name)
    }

    /// `(a, b, c)`: a parenthesised list of column names.
    fn column_list(&mut self) -> Option<Vec<Vec<u8>>> {
        if !self.byte(b'(') {
            return None;
        }
        self.items(Self::ident)
    }

    /// Comma-separated items up to and including the closing `)` (the `(` consumed).
    fn items<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut out = Vec::new();
        loop {
            out.push(item(self)?);
            if out.len() > MAX_COLUMNS {
                return None;
            }
            if self.byte(b')') {
                return Some(out);
            }
            if !self.byte(b',') {
                return None;
            }
        }
    }

    /// After `CREATE`: `[TEMPORARY] TABLE [IF NOT EXISTS] name (column definitions…)`.
    fn create_table(&mut self) -> Option<Declared> {
        if !self.words_then("TABLE") {
            return None;
        }
        if self.keyword("IF") && !(self.keyword("NOT") && self.keyword("EXISTS")) {
            return None;
        }
        let name = self.table_name()?;
        if !self.byte(b'(') {
            return None;
        }
        let mut columns = Vec::new();
        loop {
            // One definition: a column name, or a table constraint, up to a `,` or `)` at
            // depth zero.
            let save = self.pos;
            let first = self.ident()?;
            let constraint = ["PRIMARY", "KEY", "UNIQUE", "CONSTRAINT", "INDEX", "FOREIGN"]
                .iter()
                .chain(&["CHECK", "FULLTEXT", "SPATIAL", "EXCLUDE", "PERIOD", "LIKE"])
                .any(|k| first.eq_ignore_ascii_case(k.as_bytes()))
                && !matches!(self.hay.get(save), Some(b'"' | b'`' | b'['));
            if !constraint {
                columns.push(first);
                if columns.len() > MAX_COLUMNS {
                    return None;
                }
            }
            let mut depth = 0usize;
            loop {
                match self.peek()? {
                    b'(' => depth += 1,
                    b')' if depth == 0 => {
                        self.pos += 1;
                        return Some(Declared { name, columns });
                    }
                    b')' => depth -= 1,
                    b',' if depth == 0 => {
                        self.pos += 1;
                        break;
                    }
                    b'\'' => {
                        self.string(b'\'')?;
                        continue;
                    }
                    _ => {}
                }
                self.pos += 1;
            }
        }
    }

    /// After `INSERT` (or `REPLACE`): `[IGNORE|OR REPLACE…] INTO name [(cols)] VALUES (…), (…)`.
    /// Without a column list, the columns of the last `CREATE TABLE` of that name are used.
    fn insert(&mut self, declared: &[Declared], range: &Range<usize>) -> Option<View> {
        if !self.words_then("INTO") {
            return None;
        }
        let name = self.table_name()?;
        self.skip_ws();
        let columns = if self.peek() == Some(b'(') {
            self.column_list()?
        } else {
            declared.iter().find(|t| t.name == name)?.columns.clone()
        };
        if !(self.keyword("VALUES") || self.keyword("VALUE")) || columns.len() < 3 {
            return None;
        }
        let mut view = View::new(&columns, self.pos);
        loop {
            if !self.byte(b'(') {
                break;
            }
            let row_start = self.pos - 1;
            if row_start >= range.end {
                break; // this row and the rest belong to the next chunk
            }
            // A truncated statement (a cut log line) keeps the rows before the cut.
            let Some(cells) = self.tuple() else {
                break;
            };
            let placeholders = cells.iter().all(|c| {
                let v = &self.hay[c.value.clone()];
                !c.quoted && (v == b"?" || v.starts_with(b"$") || v.starts_with(b":"))
            });
            if placeholders && cells.len() == columns.len() {
                // A prepared statement: its values are logged after it, one binding a line
                // (Hibernate) or as a `parameters:` list (PostgreSQL).
                let slots: Vec<usize> = cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| placeholder_number(&self.hay[c.value.clone()]).unwrap_or(i + 1))
                    .collect();
                let mut by_number = vec![None; slots.iter().copied().max().unwrap_or(0) + 1];
                for (col, &n) in columns.iter().zip(&slots) {
                    by_number[n] = Some(col.as_slice());
                }
                return bound_values(self.hay, self.pos, self.limit, range, &by_number);
            }
            if range.contains(&row_start) && cells.len() == columns.len() && !placeholders {
                for (i, c) in cells.iter().enumerate() {
                    if i > 0 {
                        view.push(b'\t', cells[i - 1].value.end);
                    }
                    self.lay_out(&mut view, c);
                }
                let end = cells.last().map_or(self.pos, |c| c.value.end);
                view.push(b'\n', end);
            }
            if !self.byte(b',') {
                break;
            }
        }
        view.has_rows().then(|| view.finish(self.pos))
    }

    /// The values of one `( … )` tuple, its `(` consumed; consumes the `)`.
    fn tuple(&mut self) -> Option<Vec<Cell>> {
        self.items(Self::cell)
    }

    /// One value of a tuple.
    fn cell(&mut self) -> Option<Cell> {
        self.skip_ws();
        Some(match self.peek()? {
            q @ (b'\'' | b'"') => {
                let s = self.pos + 1;
                let e = self.string(q)?;
                Cell {
                    value: s..e,
                    quoted: true,
                    quote: q,
                }
            }
            _ => {
                // A bare value: a number, NULL, a call such as NOW() or N'…' prefixes.
                let s = self.pos;
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'(' => depth += 1,
                        b')' if depth == 0 => break,
                        b')' => depth -= 1,
                        b',' if depth == 0 => break,
                        b'\'' => {
                            self.string(b'\'')?;
                            continue;
                        }
                        b'\n' if depth == 0 => break,
                        _ => {}
                    }
                    self.pos += 1;
                }
                let raw = &self.hay[s..self.pos];
                let e = s + raw.trim_ascii_end().len();
                // `N'José'`, `E'…'`, `_utf8mb4'…'`: the string inside the prefix.
                match memchr::memchr(b'\'', &self.hay[s..e]) {
                    Some(q) if q > 0 && e - s > q + 1 && self.hay[e - 1] == b'\'' => Cell {
                        value: s + q + 1..e - 1,
                        quoted: true,
                        quote: b'\'',
                    },
                    _ => Cell {
                        value: s..e,
                        quoted: false,
                        quote: 0,
                    },
                }
            }
        })
    }

    /// Consumes a string literal quoted with `q` (at `pos`): returns where its content ends.
    /// A doubled quote and a backslash escape stay inside it.
    fn string(&mut self, q: u8) -> Option<usize> {
        let mut i = self.pos + 1;
        loop {
            let j = i + memchr::memchr2(q, b'\\', &self.hay[i..self.limit])?;
            if self.hay[j] == b'\\' {
                i = j + 2;
                continue;
            }
            if self.hay.get(j + 1) == Some(&q) && j + 1 < self.limit {
                i = j + 2;
                continue;
            }
            self.pos = j + 1;
            return Some(j);
        }
    }

    /// Copies a cell's value into the view, unescaping doubled quotes and `\'`.
    fn lay_out(&self, view: &mut View, c: &Cell) {
        let mut i = c.value.start;
        while i < c.value.end {
            let b = self.hay[i];
            let escaped = c.quoted
                && i + 1 < c.value.end
                && ((b == c.quote && self.hay[i + 1] == c.quote)
                    || (b == b'\\' && matches!(self.hay[i + 1], b'\'' | b'"')));
            if escaped {
                i += 1;
            }
            view.push(cell_byte(self.hay[i]), i);
            i += 1;
        }
    }

    /// After `COPY`: `name (cols) FROM stdin;` and tab-separated rows up to a `\.` line.
    fn copy(&mut self, range: &Range<usize>) -> Option<View> {
        let _ = self.table_name()?;
        let columns = self.column_list()?;
        if !(self.keyword("FROM") && self.keyword("stdin")) || columns.len() < 3 {
            return None;
        }
        let eol = self.pos + memchr::memchr(b'\n', &self.hay[self.pos..self.limit])?;
        self.pos = eol + 1;
        let mut view = View::new(&columns, self.pos);
        while self.pos < self.limit {
            let s = self.pos;
            let e = memchr::memchr(b'\n', &self.hay[s..self.limit]).map_or(self.limit, |i| s + i);
            let line = &self.hay[s..e];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line == b"\\." {
                self.pos = e;
                break;
            }
            if range.contains(&s) && memchr::memchr_iter(b'\t', line).count() + 1 == columns.len() {
                for (i, &b) in line.iter().enumerate() {
                    view.push(if b == b'"' { b'\'' } else { b }, s + i);
                }
                view.push(b'\n', s + line.len());
            }
            self.pos = e + 1;
            if s >= range.end {
                break;
            }
        }
        self.pos = self.pos.min(self.limit);
        view.has_rows().then(|| view.finish(self.pos))
    }
}

/// One value of a tuple: its content (inside the quotes, when quoted).
struct Cell {
    value: Range<usize>,
    quoted: bool,
    quote: u8,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(text: &str) -> Vec<String> {
        let hay = text.as_bytes();
        views(hay, 0..hay.len(), hay.len())
            .iter()
            .map(|v| String::from_utf8_lossy(&v.text).into_owned())
            .collect()
    }

    #[test]
    fn insert_with_a_column_list_reads_as_a_table() {
        let t = tables(
            "INSERT INTO `customers` (`id`,`first_name`,`last_name`) VALUES \
             (1,'Dana','Whitlock'),(2,'Declan','O''Brien');",
        );
        assert_eq!(
            t,
            ["id\tfirst_name\tlast_name\n1\tDana\tWhitlock\n2\tDeclan\tO'Brien\n"]
        );
    }

    #[test]
    fn insert_without_columns_uses_the_create_table_before_it() {
        let t = tables(
            "CREATE TABLE contacts(id INTEGER PRIMARY KEY, given TEXT, family TEXT, \
             CONSTRAINT pk UNIQUE (id));\n\
             INSERT INTO contacts VALUES(12,'Sunita','Venkataraman');\n\
             INSERT INTO other VALUES(1,'x','y');\n",
        );
        assert_eq!(t, ["id\tgiven\tfamily\n12\tSunita\tVenkataraman\n"]);
    }

    #[test]
    fn copy_blocks_read_as_a_table() {
        let t = tables(
            "COPY public.employees (emp_id, first_name, last_name) FROM stdin;\n\
             4471\tPriya\tRaghunathan\n4472\tConnor\n\\.\nafter\tthe\tblock\n",
        );
        // The row with a missing value is left out; nothing after `\.` belongs to the table.
        assert_eq!(
            t,
            ["emp_id\tfirst_name\tlast_name\n4471\tPriya\tRaghunathan\n"]
        );
    }

    #[test]
    fn cells_map_back_to_the_statement() {
        let text = "insert into t (a, b, c) values (1, 'Jo''s', N'Ana')";
        let hay = text.as_bytes();
        let v = &views(hay, 0..hay.len(), hay.len())[0];
        let row = v.rows_start();
        let cell = |s: &str| {
            let i = row + memchr::memmem::find(&v.text[row..], s.as_bytes()).unwrap();
            &text[v.source(i..i + s.len())]
        };
        assert_eq!(cell("Jo's"), "Jo''s");
        assert_eq!(cell("Ana"), "Ana");
        assert_eq!(cell("1"), "1");
    }

    #[test]
    fn placeholders_prose_and_short_tables_are_left_alone() {
        assert!(tables("insert into patient (a, b, c) values (?, ?, ?)").is_empty());
        assert!(tables("Please insert the card into the reader (slot 2).").is_empty());
        assert!(tables("INSERT INTO t (a, b) VALUES ('x', 'y')").is_empty());
        assert!(tables("copy the file (a, b, c) from stdin").is_empty());
    }

    #[test]
    fn values_bound_to_a_prepared_insert_read_as_a_row() {
        let hibernate5 = "DEBUG org.hibernate.SQL : insert into patient (first_name, last_name, birth_date, id) values (?, ?, ?, ?)\n\
            TRACE o.h.t.d.s.BasicBinder : binding parameter [1] as [VARCHAR] - [Gwendolyn]\n\
            TRACE o.h.t.d.s.BasicBinder : binding parameter [3] as [DATE] - [1988-12-01]\n\
            TRACE o.h.t.d.s.BasicBinder : binding parameter [2] as [VARCHAR] - [Achebe]\n\
            INFO  c.e.PatientService : saved\n\
            TRACE o.h.t.d.s.BasicBinder : binding parameter [4] as [BIGINT] - [7]";
        assert_eq!(
            tables(hibernate5),
            ["first_name\tbirth_date\tlast_name\tid\nGwendolyn\t1988-12-01\tAchebe\t\n"]
        );
        let hibernate6 = "insert into paciente (nombre, primer_apellido, fecha_nacimiento) values (?,?,?)\n\
            binding parameter (1:VARCHAR) <- [Nayeli]\n\
            binding parameter (2:VARCHAR) <- [Rosales]\n\
            binding parameter (3:DATE) <- [1994-12-05]";
        assert_eq!(
            tables(hibernate6),
            ["nombre\tprimer_apellido\tfecha_nacimiento\nNayeli\tRosales\t1994-12-05\n"]
        );
        let postgres = "LOG:  execute <unnamed>: INSERT INTO t (a, b, c) VALUES ($1, $2, $3)\n\
            DETAIL:  parameters: $1 = 'O''Brien', $2 = NULL, $3 = 'x', $4 = 'y'";
        assert_eq!(tables(postgres), ["a\tc\tb\nO'Brien\tx\t\n"]);
        // Values map back to their bytes; a value belongs to the chunk it starts in.
        let hay = hibernate6.as_bytes();
        let v = &views(hay, 0..hay.len(), hay.len())[0];
        let at = hibernate6.find("Rosales").unwrap();
        let cell = v.text.windows(7).position(|w| w == b"Rosales").unwrap();
        assert_eq!(v.source(cell..cell + 7), at..at + 7);
        assert!(
            views(hay, 0..at, hay.len())
                .iter()
                .all(|v| !v.text.ends_with(b"Rosales\t1994-12-05\n"))
        );
        // Another statement ends the bindings; lines far away are not read.
        let other = "insert into t (a, b, c) values (?, ?, ?)\ninsert into u (x) values (1)\nbinding parameter [1] as [VARCHAR] - [Zed]";
        assert!(tables(other).is_empty());
    }

    #[test]
    fn rows_belong_to_the_chunk_where_they_start() {
        let text = "INSERT INTO t (a, b, c) VALUES (1,'x','y'),(2,'z','w');";
        let hay = text.as_bytes();
        let second = text.find("(2").unwrap();
        let first: Vec<_> = views(hay, 0..second, hay.len());
        let later: Vec<_> = views(hay, second..hay.len(), hay.len());
        assert_eq!(first[0].text, b"a\tb\tc\n1\tx\ty\n");
        assert_eq!(later[0].text, b"a\tb\tc\n2\tz\tw\n");
    }
}
