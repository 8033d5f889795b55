//! `rasid serve`: the HTTP API and dashboard (`rasid-server`).

use anyhow::Context;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The environment variable read for the API token when neither `--token` nor
/// `--token-file` is given.
pub const TOKEN_ENV: &str = "RASID_TOKEN";

/// Arguments of `rasid serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The SQLite store to serve (from `rasid ingest`).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Address to listen on. On a loopback address (the default) only requests to
    /// localhost, 127.0.0.1 or [::1] are answered (DNS rebinding protection).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// API token: enables `POST /v1/documents` with `Authorization: Bearer TOKEN`
    /// (default: read-only). Visible to other users in `ps`: prefer `--token-file` or the
    /// RASID_TOKEN environment variable.
    #[arg(long, conflicts_with = "token_file")]
    token: Option<String>,
    /// Read the API token from this file (surrounding whitespace and the final newline
    /// removed).
    #[arg(long, value_name = "PATH")]
    token_file: Option<PathBuf>,
    /// Most threads running coding and SQLite work (default: twice the cores).
    #[arg(long, value_name = "N")]
    blocking_threads: Option<usize>,
}

/// The API token from `--token`, `--token-file` or `env` (the value of [`TOKEN_ENV`]), in
/// that order; `None` when none is given.
///
/// # Errors
/// A token file that cannot be read or holds no token, an empty `--token` or environment
/// variable: each names where the token came from.
fn resolve_token(
    token: Option<String>,
    token_file: Option<&Path>,
    env: Option<String>,
) -> anyhow::Result<Option<String>> {
    let (value, origin) = if let Some(t) = token {
        (t, "--token".to_string())
    } else if let Some(path) = token_file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("--token-file {}: cannot read", path.display()))?;
        (text, format!("--token-file {}", path.display()))
    } else if let Some(t) = env {
        (t, TOKEN_ENV.to_string())
    } else {
        return Ok(None);
    };
    let t = value.trim();
    if t.is_empty() {
        anyhow::bail!("{origin}: the token is empty");
    }
    Ok(Some(t.to_string()))
}

/// Runs the server until Ctrl-C.
pub fn run(lex: rasid_lexicon::Lexicon, args: ServeArgs) -> anyhow::Result<i32> {
    let token = resolve_token(
        args.token,
        args.token_file.as_deref(),
        std::env::var(TOKEN_ENV).ok(),
    )?;
    rasid_server::serve(
        lex,
        rasid_server::ServeOptions {
            db: args.db,
            addr: args.addr,
            token,
            blocking_threads: args
                .blocking_threads
                .unwrap_or_else(rasid_server::ServeOptions::default_blocking_threads)
                .max(1),
            header_read_timeout: rasid_server::HEADER_READ_TIMEOUT,
        },
    )?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_from_flag_file_or_environment() {
        // issue 16: the token could only be given on the command line (visible in `ps`)
        let dir = std::env::temp_dir().join(format!("rasid-token-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("token");
        std::fs::write(&file, "s3cret\n").unwrap();
        let empty = dir.join("empty");
        std::fs::write(&empty, "\n").unwrap();
        let got = |t: Option<&str>, f: Option<&Path>, e: Option<&str>| {
            resolve_token(t.map(String::from), f, e.map(String::from))
        };
        assert_eq!(got(None, None, None).unwrap(), None);
        assert_eq!(got(Some("a"), None, Some("b")).unwrap().unwrap(), "a");
        assert_eq!(
            got(None, Some(&file), Some("b")).unwrap().unwrap(),
            "s3cret"
        );
        assert_eq!(got(None, None, Some("b")).unwrap().unwrap(), "b");
        let e = got(None, Some(&empty), None).unwrap_err().to_string();
        assert!(e.contains("empty") && e.contains("--token-file"), "{e}");
        let e = format!(
            "{:#}",
            got(None, Some(&dir.join("none")), None).unwrap_err()
        );
        assert!(e.contains("none: cannot read"), "{e}");
        assert!(got(None, None, Some(" "))
            .unwrap_err()
            .to_string()
            .contains("RASID_TOKEN"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
