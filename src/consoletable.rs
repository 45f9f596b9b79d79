//! Result tables printed by SQL consoles and admin tools, read under their column names.
//!
//! Administrators paste query results into tickets: `psql` (`last_name | first_name | dob`
//! over a `-----+-----` rule), MySQL and MariaDB (rows framed by `+----+----+`), `sqlcmd`,
//! SSMS's text results, SQL*Plus and PowerShell's `Format-Table` (columns padded with spaces
//! under a rule of dash runs). In such a table `Ostrowski` is a capitalised word with no cue,
//! `1990-05-23` a date with no birth word near it and `8NX0YE5EA59` eleven characters: only
//! the column name above says what each is, several lines up.
//!
//! This module finds the rules that begin such tables and lays each table out as a
//! tab-separated view under its header (the [`View`] the SQL dump, vCard and segment readers
//! build), with a map from every byte back to the console text. The engine scans the view like
//! a CSV export and reports findings at the original bytes.
//!
//! A chunk is read only when it holds `--`: one SIMD literal search, and the logs of the bench
//! corpus have none.

use std::ops::Range;

use memchr::memmem;

use crate::sqldump::View;

/// How far before a chunk a table's rule may lie and still lay out rows in the chunk.
const LOOKBACK: usize = 1 << 20;
/// Longest line read as a header, rule or row.
const MAX_LINE: usize = 8192;
/// Most columns in a table.
const MAX_COLUMNS: usize = 64;
/// Longest column name.
const MAX_NAME: usize = 40;

/// What a console's prompt line starts with: the table above it has ended.
const PROMPTS: &[&[u8]] = &[b"PS ", b"SQL>", b"1>", b"$ ", b"# ", b"mysql>"];

/// How a table draws its columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// MySQL and MariaDB: `+----+----+` rules around the header and the rows, `|` between
    /// cells.
    Framed,
    /// psql: the header, a `-----+-----` rule, rows with `|` between cells.
    Piped,
    /// sqlcmd, SQL*Plus, `Format-Table`: the header, a rule of dash runs that gives each
    /// column's extent, rows padded with spaces.
    Padded,
}

/// The tables whose rows start in `range` (rows end by `limit`), laid out as views.
pub fn views(hay: &[u8], range: Range<usize>, limit: usize) -> Vec<View> {
    let limit = limit.min(hay.len());
    let from = range.start.saturating_sub(LOOKBACK);
    let mut out = Vec::new();
    if from >= range.end.min(limit) {
        return out;
    }
    // Where the last table read ends: a rule inside it is its own (a frame's last rule).
    let mut done = from;
    for at in memmem::find_iter(&hay[from..range.end.min(limit)], b"--") {
        let at = from + at;
        if at < done {
            continue;
        }
        let (ls, le) = line_around(hay, at, limit);
        done = le;
        let Some(kind) = rule_kind(&hay[ls..le]) else {
            continue;
        };
        if let Some((view, end)) = table(hay, kind, ls, le, &range, limit) {
            done = end;
            out.extend(view);
        }
    }
    out
}

/// The line holding `at`: its start and its end (before `\r\n` or `\n`).
fn line_around(hay: &[u8], at: usize, limit: usize) -> (usize, usize) {
    let ls = memchr::memrchr(b'\n', &hay[..at]).map_or(0, |i| i + 1);
    (ls, line_end(hay, at, limit))
}

/// The end of the line that starts at or holds `at` (before `\r\n` or `\n`).
fn line_end(hay: &[u8], at: usize, limit: usize) -> usize {
    let e = memchr::memchr(b'\n', &hay[at..limit]).map_or(limit, |i| at + i);
    if e > at && hay[e - 1] == b'\r' {
        e - 1
    } else {
        e
    }
}

/// The next line after the line ending at `le`, as `(start, end)`, if any.
fn next_line(hay: &[u8], le: usize, limit: usize) -> Option<(usize, usize)> {
    let mut s = le;
    if hay.get(s) == Some(&b'\r') {
        s += 1;
    }
    if hay.get(s) != Some(&b'\n') || s + 1 >= limit {
        return None;
    }
    Some((s + 1, line_end(hay, s + 1, limit)))
}

/// The line before the line starting at `ls`, as `(start, end)`, if any.
fn prev_line(hay: &[u8], ls: usize) -> Option<(usize, usize)> {
    if ls == 0 {
        return None;
    }
    let mut e = ls - 1;
    if e > 0 && hay[e - 1] == b'\r' {
        e -= 1;
    }
    let s = memchr::memrchr(b'\n', &hay[..e]).map_or(0, |i| i + 1);
    Some((s, e))
}

/// What kind of table a rule line begins: only dashes, `+`, `|` and spaces, mostly dashes,
/// with a run of at least three.
fn rule_kind(line: &[u8]) -> Option<Kind> {
    let t = line.trim_ascii();
    if t.len() < 3 || line.len() > MAX_LINE || !t.windows(3).any(|w| w == b"---") {
        return None;
    }
    if !t.iter().all(|b| matches!(b, b'-' | b'+' | b'|' | b' ')) {
        return None;
    }
    let dashes = t.iter().filter(|&&b| b == b'-').count();
    if dashes * 10 < t.len() * 6 {
        return None;
    }
    Some(match t[0] {
        b'+' => Kind::Framed,
        _ if t.contains(&b'+') || t.contains(&b'|') => Kind::Piped,
        _ => Kind::Padded,
    })
}

/// Reads the table whose rule is the line `rs..re`: its view (when it has rows in `range`)
/// and where the table ends. `None` when the lines around the rule are no table.
fn table(
    hay: &[u8],
    kind: Kind,
    rs: usize,
    re: usize,
    range: &Range<usize>,
    limit: usize,
) -> Option<(Option<View>, usize)> {
    // The header line, and the first row line.
    let (header, mut row) = match kind {
        Kind::Framed => {
            let h = next_line(hay, re, limit)?;
            let rule = next_line(hay, h.1, limit)?;
            if rule_kind(&hay[rule.0..rule.1]) != Some(Kind::Framed) {
                return None;
            }
            (h, next_line(hay, rule.1, limit))
        }
        Kind::Piped | Kind::Padded => (prev_line(hay, rs)?, next_line(hay, re, limit)),
    };
    let hline = &hay[header.0..header.1];
    if hline.len() > MAX_LINE {
        return None;
    }
    // Each column's cell in a line, as byte ranges of the haystack.
    let extents = match kind {
        Kind::Padded => Some(dash_runs(&hay[rs..re])),
        _ => None,
    };
    let cells = |s: usize, e: usize| -> Vec<Range<usize>> {
        match &extents {
            Some(ext) => padded_cells(hay, s, e, ext),
            None => piped_cells(hay, s, e, kind == Kind::Framed),
        }
    };
    let names = cells(header.0, header.1);
    let named = |r: &Range<usize>| {
        let n = &hay[r.clone()];
        !n.is_empty() && n.len() <= MAX_NAME && n.iter().any(u8::is_ascii_alphabetic)
    };
    if names.len() < 2 || names.len() > MAX_COLUMNS || !names.iter().all(named) {
        return None;
    }
    let mut view = View::new(
        &names.iter().map(|r| &hay[r.clone()]).collect::<Vec<_>>(),
        header.0,
    );
    let mut end = re;
    while let Some((s, e)) = row {
        let line = &hay[s..e];
        let last = match kind {
            // A frame's closing rule ends the table.
            Kind::Framed => !line.trim_ascii_start().starts_with(b"|"),
            // A footer (`(2 rows)`, `(4 rows affected)`), a blank line, a prompt (`PS C:\>`,
            // `SQL>`, `1>`, `$ `), or a line far wider than the rule (a log line after a
            // padded table).
            Kind::Piped | Kind::Padded => {
                let t = line.trim_ascii();
                t.is_empty()
                    || t.starts_with(b"(")
                    || line.len() > MAX_LINE
                    || PROMPTS.iter().any(|p| t.starts_with(p))
                    || (kind == Kind::Padded && line.len() > 2 * (re - rs) + 16)
            }
        };
        if last {
            if kind == Kind::Framed && rule_kind(line) == Some(Kind::Framed) {
                end = e;
            }
            break;
        }
        let row_cells = cells(s, e);
        if kind != Kind::Padded && row_cells.len() != names.len() {
            break;
        }
        if range.contains(&s) {
            for (i, c) in row_cells.iter().enumerate() {
                if i > 0 {
                    let prev = row_cells[i - 1].end;
                    view.push(b'\t', prev);
                }
                view.push_cell(hay, c.clone());
            }
            view.push(b'\n', e);
        }
        end = e;
        row = next_line(hay, e, limit);
    }
    Some((view.has_rows().then(|| view.finish(end)), end))
}

/// The cells of a line between `|` bars, trimmed. In a frame (`framed`) a leading and a
/// trailing bar bound no cell; psql draws none, so there a line that ends with a bar ends
/// with an empty cell.
fn piped_cells(hay: &[u8], s: usize, e: usize, framed: bool) -> Vec<Range<usize>> {
    let line = &hay[s..e];
    let (mut a, mut b) = (0, line.len());
    while a < b && line[a] == b' ' {
        a += 1;
    }
    while b > a && line[b - 1] == b' ' {
        b -= 1;
    }
    if framed && a < b && line[a] == b'|' {
        a += 1;
    }
    if framed && b > a && line[b - 1] == b'|' {
        b -= 1;
    }
    let mut out = Vec::new();
    let mut cs = a;
    for i in a..=b {
        if i == b || line[i] == b'|' {
            out.push(trim(line, cs, i, s));
            cs = i + 1;
            if out.len() > MAX_COLUMNS {
                break;
            }
        }
    }
    out
}

/// The column extents a rule of dash runs gives, in characters from the line start: each
/// column starts at its run and runs to the next one.
fn dash_runs(rule: &[u8]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut prev = b' ';
    for (i, &b) in rule.iter().enumerate() {
        if b == b'-' && prev != b'-' {
            starts.push(i);
        }
        prev = b;
    }
    starts
}

/// The cells of a padded line at the character columns `starts`, trimmed. Columns are
/// counted in characters, as the console padded them: `Sebastián` takes nine.
fn padded_cells(hay: &[u8], s: usize, e: usize, starts: &[usize]) -> Vec<Range<usize>> {
    let line = &hay[s..e];
    // Byte offset of each character column.
    let mut at = Vec::with_capacity(line.len() + 1);
    for (i, &b) in line.iter().enumerate() {
        if b & 0xC0 != 0x80 {
            at.push(i);
        }
    }
    at.push(line.len());
    let byte = |col: usize| at.get(col).copied().unwrap_or(line.len());
    starts
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            let end = starts.get(k + 1).map_or(line.len(), |&n| byte(n));
            trim(line, byte(c).min(end), end, s)
        })
        .collect()
}

/// `line[a..b]` without the spaces around it, as a haystack range (`line` starts at `base`).
fn trim(line: &[u8], mut a: usize, mut b: usize, base: usize) -> Range<usize> {
    while a < b && matches!(line[a], b' ' | b'\t') {
        a += 1;
    }
    while b > a && matches!(line[b - 1], b' ' | b'\t') {
        b -= 1;
    }
    base + a..base + b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(text: &str) -> Vec<Vec<Vec<String>>> {
        let hay = text.as_bytes();
        views(hay, 0..hay.len(), hay.len())
            .iter()
            .map(View::cells)
            .collect()
    }

    #[test]
    fn psql_mysql_and_padded_results_are_laid_out_under_their_columns() {
        let psql = "rx=# select last_name, dob from patients;\n last_name |    dob\n-----------+------------\n Beckwith  | 1952-09-14\n(1 row)\n";
        assert_eq!(
            tables(psql)[0],
            [["last_name", "dob"], ["Beckwith", "1952-09-14"]]
        );
        // psql's empty last cell leaves its bar at the end of the line.
        let empty = " id | plan\n----+------\n  7 |\n  8 | B\n(2 rows)\n";
        assert_eq!(tables(empty)[0], [["id", "plan"], ["7", ""], ["8", "B"]]);
        let mysql = "+----+---------+\n| id | nombre  |\n+----+---------+\n|  7 | Aitor   |\n+----+---------+\n2 rows in set\n";
        assert_eq!(tables(mysql)[0], [["id", "nombre"], ["7", "Aitor"]]);
        // Padded columns are counted in characters: `Sebastián` is nine wide.
        let sqlcmd = "Nombres     Apellidos          Celular\n----------- ------------------ -----------\nSebastián   Londoño Giraldo    3157790214\n\n(1 filas afectadas)\n";
        assert_eq!(
            tables(sqlcmd)[0],
            [
                ["Nombres", "Apellidos", "Celular"],
                ["Sebastián", "Londoño Giraldo", "3157790214"]
            ]
        );
    }

    #[test]
    fn a_prompt_or_a_long_line_ends_a_padded_table() {
        let text = "Name    Status\n----    ------\nana     ok\nPS C:\\> Get-Date\nthen a log line far wider than the rule above it, which is no row of the table at all\n";
        assert_eq!(tables(text)[0], [["Name", "Status"], ["ana", "ok"]]);
    }

    #[test]
    fn rules_without_a_table_are_left_alone() {
        for text in [
            "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\n",
            "Summary\n-------\nAll good.\n",
            "--\nJane\n",
            "a | b\n---\n",
            "ls --all --color\n",
        ] {
            assert!(tables(text).iter().all(|t| t.len() < 2), "{text:?}");
        }
    }

    #[test]
    fn only_rows_that_start_in_the_range_are_laid_out() {
        let text = " name | dob\n------+-----\n Ana  | 1990-01-02\n Luis | 1991-03-04\n";
        let hay = text.as_bytes();
        let second = text.find(" Luis").unwrap();
        let v = views(hay, second..hay.len(), hay.len());
        assert_eq!(v[0].cells(), [["name", "dob"], ["Luis", "1991-03-04"]]);
        let v = views(hay, 0..second, hay.len());
        assert_eq!(v[0].cells(), [["name", "dob"], ["Ana", "1990-01-02"]]);
    }
}
