//! Criterion benchmarks of the engine: throughput of `scan` over a deterministic mixed log
//! (every default detector on), catalog build time, and the validators' per-candidate cost.
//! Whole-corpus figures against ripgrep come from `benches/compare.sh`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use tacha::catalog::Catalog;
use tacha::engine::Engine;
use tacha::finding::Fingerprinter;
use tacha::scan::{ScanOptions, Scanner};

/// About 4 MB of mixed log lines, generated deterministically (a small LCG, no I/O).
fn corpus() -> Vec<u8> {
    let mut x: u64 = 42;
    let mut next = move || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) as u32
    };
    let mut out = String::with_capacity(4 << 20);
    while out.len() < (4 << 20) {
        let ip = format!(
            "{}.{}.{}.{}",
            next() % 223 + 1,
            next() % 256,
            next() % 256,
            next() % 254 + 1
        );
        match next() % 10 {
            0..=3 => out.push_str(&format!(
                "{ip} - - [12/Mar/2024:10:{:02}:{:02} +0000] \"GET /api/v1/items/{}?page={} HTTP/1.1\" 200 {} \"-\" \"Mozilla/5.0\"\n",
                next() % 60, next() % 60, next() % 100000, next() % 9, next() % 99999
            )),
            4..=6 => out.push_str(&format!(
                "2024-03-12T10:{:02}:{:02}.{:03}Z INFO [worker-{}] request_id={:016x} duration_ms={} status=ok\n",
                next() % 60, next() % 60, next() % 1000, next() % 16, (u64::from(next()) << 32) | u64::from(next()), next() % 900
            )),
            7..=8 => out.push_str(&format!(
                "Mar 12 10:{:02}:{:02} host sshd[{}]: Accepted publickey for deploy from {ip} port {} ssh2\n",
                next() % 60, next() % 60, next() % 65000, next() % 60000 + 1024
            )),
            _ => out.push_str(&format!(
                "{{\"ts\":\"2024-03-12T10:11:12Z\",\"msg\":\"payment failed\",\"email\":\"user{}@example.com\",\"phone\":\"+1 212-555-{:04}\",\"card\":\"4539 1488 0343 6467\",\"ssn\":\"536-90-4399\"}}\n",
                next() % 9999, next() % 10000
            )),
        }
    }
    out.into_bytes()
}

fn bench(c: &mut Criterion) {
    let catalog = Catalog::builtin().expect("catalog");
    c.bench_function("catalog_compile", |b| {
        b.iter(|| Engine::new(black_box(&catalog), 0.5).unwrap())
    });

    let engine = Engine::new(&catalog, 0.5).unwrap();
    let scanner = Scanner::new(engine, Fingerprinter::new(b"bench"), ScanOptions::default());
    let hay = corpus();
    let mut g = c.benchmark_group("scan");
    g.throughput(Throughput::Bytes(hay.len() as u64));
    g.sample_size(10);
    g.bench_function("hits_mixed_log", |b| {
        b.iter(|| scanner.hits(black_box(&hay)).len())
    });
    g.bench_function("findings_mixed_log", |b| {
        b.iter(|| scanner.scan_bytes("bench", black_box(&hay)).len())
    });
    g.finish();

    let mut g = c.benchmark_group("validate");
    use tacha::validate::Validator;
    for (name, v, s) in [
        (
            "payment_card",
            Validator::PaymentCard,
            &b"4539 1488 0343 6467"[..],
        ),
        (
            "iban",
            Validator::Iban,
            &b"ES79 2100 0813 6101 2345 6789"[..],
        ),
        ("ssn", Validator::Ssn, &b"536-90-4399"[..]),
        ("curp", Validator::Curp, &b"GORS850412MDFNZN00"[..]),
    ] {
        g.bench_function(name, |b| b.iter(|| v.check(black_box(s))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
