//! `--state FILE`: the chain on disk, crash-safe.
//!
//! The file is a journal of JSON lines. Line 1 is the whole chain (accounts, storage,
//! code, blocks, receipts, clock, recent history) as it was when the file was last
//! compacted; each later line is one [`Record`]: a mined block with its state changes
//! and receipts, or a clock change. A block's line is written and synced (`fdatasync`)
//! before the block is applied, so a transaction's hash or receipt is never served for
//! a block the file does not hold: `kill -9` at any moment loses no mined block.
//! Compaction (at start, on a clean stop, after `evm_revert` and every
//! [`COMPACT_EVERY`] records) writes a temporary file, syncs it, renames it over the
//! journal and syncs the directory. A last line cut short by a crash was never
//! acknowledged; loading ignores it.

use std::{
    fs::{self, File},
    io::Write,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use crate::{
    chain::{Block, BlockDiff, Chain},
    tx::Mined,
};

/// Records after which the journal is rewritten as one snapshot line.
pub const COMPACT_EVERY: u64 = 5_000;

/// One journal line after the first.
#[allow(clippy::large_enum_variant)] // one per line, never stored
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Record {
    Block {
        block: Block,
        diff: BlockDiff,
        txs: Vec<Mined>,
        time_offset: u64,
    },
    Time {
        time_offset: u64,
        next_timestamp: Option<u64>,
    },
}

/// The open journal.
pub struct Journal {
    path: PathBuf,
    file: File,
    /// Records appended since the last compaction.
    pub records: u64,
}

/// Loads the chain from `path` if the file exists (replaying the journal).
pub fn load(path: &Path) -> Result<Option<Chain>, String> {
    if !path.exists() {
        return Ok(None);
    }
    let text = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let complete = text.ends_with(b"\n");
    let mut lines = text
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .peekable();
    let first = lines
        .next()
        .ok_or_else(|| format!("{} is empty", path.display()))?;
    let mut chain: Chain = serde_json::from_slice(first)
        .map_err(|e| format!("cannot parse {}: {e}", path.display()))?;
    let mut n = 1;
    while let Some(line) = lines.next() {
        n += 1;
        let rec: Record = match serde_json::from_slice(line) {
            Ok(r) => r,
            // The last line cut short by a crash: never acknowledged, dropped.
            Err(_) if lines.peek().is_none() && !complete => {
                eprintln!(
                    "{}: ignoring an incomplete last record (the process stopped while writing it)",
                    path.display()
                );
                break;
            }
            Err(e) => return Err(format!("{} line {n}: {e}", path.display())),
        };
        match rec {
            Record::Block {
                block,
                diff,
                txs,
                time_offset,
            } => {
                if block.number != chain.head().number + 1 {
                    return Err(format!(
                        "{} line {n}: block {} does not follow block {}",
                        path.display(),
                        block.number,
                        chain.head().number
                    ));
                }
                chain.time_offset = time_offset;
                chain.apply_block(block, diff, txs);
            }
            Record::Time {
                time_offset,
                next_timestamp,
            } => {
                chain.time_offset = time_offset;
                chain.next_timestamp = next_timestamp;
            }
        }
    }
    Ok(Some(chain))
}

fn sync_dir(path: &Path) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    File::open(dir)?.sync_all()
}

/// Writes the chain as one snapshot line, atomically (temporary file, sync, rename,
/// sync of the directory); returns the written file, open at its end.
fn write_snapshot(chain: &Chain, path: &Path) -> Result<File, String> {
    let mut text = serde_json::to_vec(chain).map_err(|e| format!("cannot encode state: {e}"))?;
    text.push(b'\n');
    let tmp = path.with_extension("tmp");
    let write = || -> std::io::Result<File> {
        let mut f = File::create(&tmp)?;
        f.write_all(&text)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        sync_dir(path)?;
        Ok(f)
    };
    write().map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes the chain as one snapshot line, atomically.
pub fn save(chain: &Chain, path: &Path) -> Result<(), String> {
    write_snapshot(chain, path).map(|_| ())
}

impl Journal {
    /// Compacts the file to the chain as it is and opens it for appending.
    pub fn open(path: &Path, chain: &Chain) -> Result<Self, String> {
        // The handle that wrote the snapshot goes on appending to it (no reopening that
        // could fail once the rename is done).
        let file = write_snapshot(chain, path)?;
        Ok(Self {
            path: path.to_path_buf(),
            file,
            records: 0,
        })
    }

    /// Appends one record and waits until it is on disk.
    pub fn append(&mut self, rec: &Record) -> Result<(), String> {
        let mut line = serde_json::to_vec(rec).map_err(|e| format!("cannot encode: {e}"))?;
        line.push(b'\n');
        self.file
            .write_all(&line)
            .and_then(|_| self.file.sync_data())
            .map_err(|e| format!("cannot write {}: {e}", self.path.display()))?;
        self.records += 1;
        Ok(())
    }

    /// Rewrites the file as one snapshot of `chain`.
    pub fn compact(&mut self, chain: &Chain) -> Result<(), String> {
        *self = Self::open(&self.path, chain)?;
        Ok(())
    }
}
