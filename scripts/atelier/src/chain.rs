//! The connection: provider, signer, deployment file, and one way to send a
//! transaction that turns any revert into its custom error's name.
use std::path::PathBuf;

use alloy::{
    network::{EthereumWallet, TransactionBuilder},
    primitives::{Address, Bytes, B256, U256},
    providers::{DynProvider, Provider, ProviderBuilder},
    rpc::types::{Filter, Log, TransactionReceipt, TransactionRequest},
    sol_types::SolCall,
    signers::local::PrivateKeySigner,
    transports::TransportError,
};
use serde_json::{json, Value};

use crate::{
    deployment::{self, Deployment},
    errors::{self, Revert},
    util::{fail, Error, Result},
};

/// Seconds of chain time a price-taking transaction stays valid (its `deadline`).
pub const DEADLINE_WINDOW: u64 = 20 * 60;

/// A command's result: text lines for people, one JSON value for scripts.
#[derive(Debug, Default)]
pub struct Report {
    pub lines: Vec<String>,
    pub json: Value,
}

impl Report {
    pub fn new(json: Value) -> Self {
        Self { lines: Vec::new(), json }
    }
    pub fn line(&mut self, s: impl Into<String>) {
        self.lines.push(s.into());
    }
}

/// What a mined transaction left behind.
#[derive(Debug, Clone)]
pub struct Sent {
    pub hash: B256,
    pub block: u64,
    pub gas_used: u64,
    pub receipt: TransactionReceipt,
}

impl Sent {
    pub fn json(&self) -> Value {
        json!({"tx": self.hash, "block": self.block, "gasUsed": self.gas_used})
    }
    pub fn summary(&self) -> String {
        format!("tx {} (block {}, gas {})", self.hash, self.block, self.gas_used)
    }
}

/// Everything a command needs.
pub struct Ctx {
    pub provider: DynProvider,
    /// The endpoint and key as given (deploy hands them to cargo-stylus).
    pub rpc_url: String,
    pub key: Option<String>,
    pub sender: Option<Address>,
    pub chain_id: u64,
    pub deployment_path: PathBuf,
    /// Loaded lazily: `deploy` creates it.
    pub deployment: Option<Deployment>,
    /// Progress lines go to stderr as they happen (text mode only).
    pub verbose: bool,
    /// Most blocks per eth_getLogs request.
    pub log_chunk: u64,
}

/// Parses a hex private key.
pub fn signer(key: &str) -> Result<PrivateKeySigner> {
    let k = key.trim();
    let k = k.strip_prefix("0x").unwrap_or(k);
    k.parse::<PrivateKeySigner>()
        .map_err(|_| Error("PRIVATE_KEY is not a 32-byte hex private key".into()))
}

impl Ctx {
    /// Connects to `rpc_url` (with a wallet when a key is given) and reads the
    /// chain id.
    pub async fn connect(rpc_url: &str, key: Option<&str>, deployment: Option<PathBuf>, verbose: bool) -> Result<Self> {
        let url: alloy::transports::http::reqwest::Url = rpc_url
            .parse()
            .map_err(|_| Error(format!("RPC_URL `{rpc_url}` is not a URL")))?;
        let (provider, sender) = match key.filter(|k| !k.trim().is_empty()) {
            Some(k) => {
                let s = signer(k)?;
                let addr = s.address();
                let p = ProviderBuilder::new().wallet(EthereumWallet::from(s)).on_http(url).erased();
                (p, Some(addr))
            }
            None => (ProviderBuilder::new().on_http(url).erased(), None),
        };
        let chain_id = provider
            .get_chain_id()
            .await
            .map_err(|e| Error(format!("cannot reach the RPC endpoint {rpc_url}: {e}")))?;
        let deployment_path = deployment.unwrap_or_else(|| deployment::default_path(chain_id));
        Ok(Self {
            provider,
            rpc_url: rpc_url.to_string(),
            key: key.map(str::to_string),
            sender,
            chain_id,
            deployment_path,
            deployment: None,
            verbose,
            log_chunk: 50_000,
        })
    }

    /// The acting account, or an error asking for a key.
    pub fn sender(&self) -> Result<Address> {
        self.sender.ok_or_else(|| Error("this command sends a transaction: set PRIVATE_KEY (or --private-key)".into()))
    }

    /// The deployment file (loaded on first use).
    pub fn deployment(&mut self) -> Result<&Deployment> {
        if self.deployment.is_none() {
            self.deployment = Some(deployment::load_for(&self.deployment_path, self.chain_id)?);
        }
        Ok(self.deployment.as_ref().expect("just loaded"))
    }

    /// A contract's address from the deployment file.
    pub fn addr(&mut self, name: &str) -> Result<Address> {
        self.deployment()?.address(name)
    }

    /// Checks the deployment file against the chain before acting: every
    /// recorded contract still has code, and the code it had when deployed
    /// (`codeHash`). A dev chain restarted without its state, or a file from
    /// another chain's history, is named stale instead of failing later with
    /// "returned no data".
    pub async fn check_deployment(&mut self) -> Result<()> {
        let path = self.deployment_path.clone();
        let chain_id = self.chain_id;
        let d = self.deployment()?.clone();
        for (name, r) in &d.contracts {
            let Some(addr) = r.address else { continue };
            let code = self.provider.get_code_at(addr).await.map_err(|e| explain("eth_getCode", e))?;
            if let Some(why) = stale_code(&code, r.code_hash) {
                return fail(format!(
                    "{} is stale: it records {name} at {addr}, which {why} on chain {chain_id}. Redeploy with scripts/deploy --fresh (or pass another --deployment)",
                    path.display()
                ));
            }
        }
        Ok(())
    }

    /// Prints a progress line (stderr, text mode).
    pub fn progress(&self, s: impl AsRef<str>) {
        if self.verbose {
            eprintln!("{}", s.as_ref());
        }
    }

    /// Sends a transaction and waits for its receipt. A revert, at estimation or
    /// on chain, comes back as the custom error's name and arguments.
    pub async fn send(&self, what: &str, mut tx: TransactionRequest) -> Result<Sent> {
        let from = self.sender()?;
        tx.set_from(from);
        self.progress(format!("-> {what}"));
        let gas = match self.provider.estimate_gas(&tx).await {
            Ok(g) => g,
            Err(e) => return Err(explain(what, e)),
        };
        // A margin over the estimate: Stylus gas depends on the ink price.
        tx.set_gas_limit(gas.saturating_mul(12) / 10 + 10_000);
        let pending = self.provider.send_transaction(tx.clone()).await.map_err(|e| explain(what, e))?;
        let hash = *pending.tx_hash();
        let receipt = pending
            .get_receipt()
            .await
            .map_err(|e| Error(format!("{what}: sent {hash} but no receipt: {e}")))?;
        let block = receipt.block_number.unwrap_or_default();
        if !receipt.status() {
            // Replay at the block to read the revert data.
            let why = match self.provider.call(&tx).block(block.saturating_sub(1).into()).await {
                Err(e) => explain_text(&e),
                Ok(_) => "reverted on chain (replay did not revert)".to_string(),
            };
            return fail(format!("{what}: transaction {hash} reverted: {why}"));
        }
        // The report prints the transaction's summary line; not here too.
        Ok(Sent { hash, block, gas_used: receipt.gas_used, receipt })
    }

    /// A view call decoded by hand, for the functions whose return is a tuple
    /// with a dynamic member (`checkUpkeep`, `seedInfo`, `artwork`,
    /// `creativeDirection`). The contracts return Solidity's encoding (through
    /// `atelier_common::abi::Returns`); programs built before that fix, with plain
    /// stylus-sdk 0.9, wrap it in one more offset word (`0x20` first). Accepts
    /// both, the standard one first.
    pub async fn view<C: SolCall>(&self, what: &str, to: Address, call: &C) -> Result<C::Return> {
        let tx = TransactionRequest::default().with_to(to).with_input(call.abi_encode());
        let out = self.provider.call(&tx).await.map_err(|e| explain(what, e))?;
        decode_returns::<C>(&out).map_err(|e| Error(format!("{what}: {e}")))
    }

    /// Sends calldata to a contract.
    pub async fn send_call(&self, what: &str, to: Address, data: Bytes, value: U256) -> Result<Sent> {
        let tx = TransactionRequest::default().with_to(to).with_input(data).with_value(value);
        self.send(what, tx).await
    }

    /// Logs of `filter` from `from` to `to` (inclusive), `chunk` blocks per request.
    pub async fn logs(&self, filter: Filter, from: u64, to: u64, chunk: u64) -> Result<Vec<Log>> {
        let mut out = Vec::new();
        let mut start = from;
        let chunk = chunk.max(1);
        while start <= to {
            let end = to.min(start.saturating_add(chunk - 1));
            let f = filter.clone().from_block(start).to_block(end);
            let mut logs = self
                .provider
                .get_logs(&f)
                .await
                .map_err(|e| Error(format!("eth_getLogs {start}..{end}: {e}")))?;
            out.append(&mut logs);
            start = end + 1;
        }
        Ok(out)
    }

    /// The first block to scan for the collective's events.
    pub fn start_block(&self) -> u64 {
        self.deployment.as_ref().and_then(|d| d.start_block).unwrap_or(0)
    }

    /// Latest block number and its timestamp.
    pub async fn head(&self) -> Result<(u64, u64)> {
        let n = self.provider.get_block_number().await.map_err(|e| Error(format!("eth_blockNumber: {e}")))?;
        let ts = self.block_time(n).await?;
        Ok((n, ts))
    }

    /// The `deadline` argument of a price-taking call (buy, sell, acquire): the
    /// chain's latest timestamp plus [`DEADLINE_WINDOW`], so a transaction stuck
    /// longer than that reverts `Expired` instead of trading at a stale price.
    pub async fn deadline(&self) -> Result<alloy::primitives::U256> {
        let (_, now) = self.head().await?;
        Ok(alloy::primitives::U256::from(now + DEADLINE_WINDOW))
    }

    /// A block's timestamp.
    pub async fn block_time(&self, n: u64) -> Result<u64> {
        let b = self
            .provider
            .get_block_by_number(n.into(), false.into())
            .await
            .map_err(|e| Error(format!("eth_getBlockByNumber {n}: {e}")))?
            .ok_or_else(|| Error(format!("block {n} not found")))?;
        Ok(b.header.timestamp)
    }
}

/// Decodes a call's return data, standard or wrapped (see [`Ctx::view`]).
pub fn decode_returns<C: SolCall>(out: &[u8]) -> Result<C::Return> {
    match C::abi_decode_returns(out, true) {
        Ok(r) => Ok(r),
        Err(e) => {
            let wrapped = out.len() >= 32 && out[..32] == U256::from(32).to_be_bytes::<32>();
            if wrapped {
                if let Ok(r) = C::abi_decode_returns(&out[32..], true) {
                    return Ok(r);
                }
            }
            fail(format!("cannot decode the return data ({e})"))
        }
    }
}

/// The revert data inside an RPC error, if it is a revert.
pub fn revert_data(e: &TransportError) -> Option<Bytes> {
    e.as_error_resp().and_then(|p| p.as_revert_data())
}

/// One sentence for an RPC error: the decoded custom error when it reverted.
pub fn explain_text(e: &TransportError) -> String {
    match revert_data(e) {
        Some(data) => format!("reverted with {}", errors::decode(&data)),
        None => match e.as_error_resp() {
            Some(p) if p.message.contains("revert") => format!("reverted: {}", errors::decode(&[])),
            Some(p) => format!("RPC error {}: {}", p.code, p.message),
            None => e.to_string(),
        },
    }
}

/// An RPC error as the client's error, prefixed with what was being done.
pub fn explain(what: &str, e: TransportError) -> Error {
    Error(format!("{what}: {}", explain_text(&e)))
}

/// A contract binding's error (views) as the client's error.
pub fn explain_contract(what: &str, e: alloy::contract::Error) -> Error {
    match e {
        alloy::contract::Error::TransportError(t) => explain(what, t),
        other => Error(format!("{what}: {other}")),
    }
}

/// The decoded revert of an RPC error, for JSON output.
pub fn revert_of(e: &TransportError) -> Option<Revert> {
    revert_data(e).map(|d| errors::decode(&d))
}

/// Why `code` is not the recorded contract's, if it is not: no code at all, or
/// code whose keccak256 differs from `recorded`.
pub fn stale_code(code: &[u8], recorded: Option<alloy::primitives::B256>) -> Option<&'static str> {
    if code.is_empty() {
        return Some("has no code");
    }
    match recorded {
        Some(h) if alloy::primitives::keccak256(code) != h => Some("holds other code than was deployed there"),
        _ => None,
    }
}
