//! `--state FILE`: the whole chain (accounts, storage, code, blocks, receipts, clock) as
//! JSON, written atomically (temporary file, then rename).

use std::{fs, path::Path};

use crate::chain::Chain;

pub fn load(path: &Path) -> Result<Option<Chain>, String> {
    if !path.exists() {
        return Ok(None);
    }
    let text = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let chain: Chain = serde_json::from_slice(&text)
        .map_err(|e| format!("cannot parse {}: {e}", path.display()))?;
    Ok(Some(chain))
}

pub fn save(chain: &Chain, path: &Path) -> Result<(), String> {
    let text = serde_json::to_vec(chain).map_err(|e| format!("cannot encode state: {e}"))?;
    let tmp = path.with_extension("tmp");
    fs::write(&tmp, text).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    fs::rename(&tmp, path).map_err(|e| format!("cannot rename to {}: {e}", path.display()))
}
