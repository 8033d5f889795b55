//! Fills a store with synthetic events for benchmarks:
//! `cargo run --release -p rasid-store --example gen_events -- DB [EVENTS] [SEED]`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = args.next().ok_or("usage: gen_events DB [EVENTS] [SEED]")?;
    let n: u64 = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let seed: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(42);
    let t = std::time::Instant::now();
    let mut store = rasid_store::Store::open(&db)?;
    store.generate(n, seed)?;
    eprintln!(
        "{n} synthetic events written to {db} in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
