//! `rasid serve`: the HTTP API and dashboard (`rasid-server`).

use std::net::SocketAddr;
use std::path::PathBuf;

/// Arguments of `rasid serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The SQLite store to serve (from `rasid ingest`).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// API token: enables `POST /v1/documents` with `Authorization: Bearer TOKEN`
    /// (default: read-only).
    #[arg(long)]
    token: Option<String>,
}

/// Runs the server until Ctrl-C.
pub fn run(lex: rasid_lexicon::Lexicon, args: ServeArgs) -> anyhow::Result<i32> {
    rasid_server::serve(
        lex,
        rasid_server::ServeOptions {
            db: args.db,
            addr: args.addr,
            token: args.token,
        },
    )?;
    Ok(0)
}
