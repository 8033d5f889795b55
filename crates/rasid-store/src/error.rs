//! The error type of the store.

/// What went wrong in the store, by phase.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Writing an export failed.
    #[error("write: {0}")]
    Write(#[from] std::io::Error),
    /// The database was written by a newer rasid (schema version above the known ones).
    #[error(
        "database schema version {found} is newer than this rasid knows ({known}); upgrade rasid"
    )]
    SchemaTooNew {
        /// `PRAGMA user_version` of the file.
        found: i64,
        /// The latest version this build knows.
        known: i64,
    },
    /// The database was written by an older rasid and is opened read-only, so it cannot
    /// be migrated; open it once for writing (any `rasid` store command does).
    #[error(
        "database schema version {found} is older than this rasid's ({known}) and the file is opened read-only; open it once for writing to migrate it (e.g. `rasid db info --db FILE`)"
    )]
    SchemaTooOld {
        /// `PRAGMA user_version` of the file.
        found: i64,
        /// The version this build reads.
        known: i64,
    },
    /// Stored data cannot be read back (a kept text damaged or in an unknown codec).
    #[error("corrupt store: {0}")]
    Corrupt(String),
    /// A user argument is malformed (a date, a glob pattern).
    #[error("{0}")]
    Argument(String),
    /// A paging cursor ([`crate::EventFilter::after`]) names no event of the filter.
    #[error("cursor {0} names no event of this filter")]
    Cursor(i64),
    /// JSON serialization failed.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// CSV writing failed.
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    /// Parquet or Arrow failed.
    #[error("parquet: {0}")]
    Parquet(String),
    /// The ingest pipeline stopped (a worker thread failed).
    #[error("ingest: {0}")]
    Ingest(String),
}

impl From<parquet::errors::ParquetError> for StoreError {
    fn from(e: parquet::errors::ParquetError) -> Self {
        StoreError::Parquet(e.to_string())
    }
}

impl From<arrow_schema::ArrowError> for StoreError {
    fn from(e: arrow_schema::ArrowError) -> Self {
        StoreError::Parquet(e.to_string())
    }
}

/// Result with [`StoreError`].
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
