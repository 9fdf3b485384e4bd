//! The command line: global options and one subcommand per user action.
use std::path::PathBuf;

use alloy::primitives::{Address, U256};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::util::Amount;

/// The atelier command: every user action of an Atelier collective, its keeper,
/// and its deployment, over JSON-RPC.
///
/// Amounts of shares and ETH are decimals with 18 decimals (`100`, `0.25`) or raw
/// units with a `wei` suffix. bytes32 arguments take `0x` + 64 hex digits, or any
/// text, which is hashed with keccak256.
#[derive(Debug, Parser)]
#[command(name = "atelier", version, propagate_version = true)]
pub struct Cli {
    /// JSON-RPC endpoint.
    #[arg(long, env = "RPC_URL", global = true, default_value = "http://127.0.0.1:8547")]
    pub rpc_url: String,
    /// Hex private key of the acting account (prefer the environment variable:
    /// a command-line key lands in your shell history).
    #[arg(long, env = "PRIVATE_KEY", global = true, hide_env_values = true)]
    pub private_key: Option<String>,
    /// Deployment file [default: deployments/<chainId>.json].
    #[arg(long, env = "ATELIER_DEPLOYMENT", global = true)]
    pub deployment: Option<PathBuf>,
    /// Print one JSON document on stdout instead of text (errors too).
    #[arg(long, global = true)]
    pub json: bool,
    /// Most blocks per eth_getLogs request (public endpoints cap the range).
    #[arg(long, env = "ATELIER_LOG_CHUNK", global = true, default_value_t = 50_000)]
    pub log_chunk: u64,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Prices, supply, treasury buckets, buyback round, top seeds, open proposals.
    Status(StatusArgs),
    /// Buy shares from the primary sale at the quoted price (plus slippage).
    Buy(BuyArgs),
    /// Sell shares into the treasury's live buyback round (no approval needed).
    Sell(SellArgs),
    /// Stake shares behind a seed (locked in place in your balance: no approval).
    Stake(StakeArgs),
    /// Unstake shares from a seed (after its cooldown).
    Unstake(StakeArgs),
    /// Claim your staking rewards (ETH).
    Claim,
    /// Register a new seed with an initial stake (at least the registry's minimum).
    RegisterSeed(RegisterSeedArgs),
    /// Delegate your votes (to yourself by default: shares vote only once delegated).
    Delegate(DelegateArgs),
    /// Propose one typed governance action.
    Propose(ProposeArgs),
    /// Vote on a proposal.
    Vote(VoteArgs),
    /// Queue a succeeded proposal, or execute a queued one whose timelock ended.
    Execute(ExecuteArgs),
    /// Veto a queued proposal with your steward tokens (during the timelock).
    Veto(VetoArgs),
    /// Cancel your own proposal before voting starts.
    Cancel(ProposalArg),
    /// Minority exit: you voted against a queued proposal that withdraws reserve
    /// ETH or releases an artwork; during its timelock, burn up to your vote
    /// weight of free shares for their pro-rata part of the reserve (no approval needed).
    Exit(ExitArgs),
    /// Redeem an artwork: burn its issued shares plus the fee (no approval needed).
    Redeem(RedeemArgs),
    /// Licenses approved by governance.
    #[command(subcommand)]
    License(LicenseCommand),
    /// Deposit an artwork into the vault (approves the vault on the collection first).
    Deposit(DepositArgs),
    /// The acquirer buys an artwork for the collective with treasury ETH (the
    /// seller must have approved the treasury on the collection).
    Acquire(AcquireArgs),
    /// End the vault's bootstrap (genesis curator only).
    EndBootstrap,
    /// Run the treasury's upkeep if it is due.
    Upkeep,
    /// Decode revert data (hex) by the custom error's name.
    DecodeError(DecodeErrorArgs),
    /// The keeper agent: premium from the demand model, upkeep, curation report.
    Keeper(KeeperArgs),
    /// Deploy and wire a whole collective (cargo stylus deploy + initialize).
    Deploy(DeployArgs),
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// How many seeds to list, by conviction.
    #[arg(long, default_value_t = 5)]
    pub top: usize,
}

#[derive(Debug, Args)]
pub struct BuyArgs {
    /// Shares to buy.
    pub shares: Amount,
    /// Most ETH to pay [default: the quote plus --slippage-bps].
    #[arg(long)]
    pub max_cost: Option<Amount>,
    /// Allowed price move between the quote and the transaction, bps.
    #[arg(long, default_value_t = 100)]
    pub slippage_bps: u32,
}

#[derive(Debug, Args)]
pub struct SellArgs {
    /// Shares to sell.
    pub shares: Amount,
    /// Lowest bid accepted, ETH per share [default: the current bid].
    #[arg(long)]
    pub min_price: Option<Amount>,
}

#[derive(Debug, Args)]
pub struct StakeArgs {
    /// Seed id (a number) or the seed itself (bytes32 or text).
    pub seed: String,
    /// Shares.
    pub shares: Amount,
}

#[derive(Debug, Args)]
pub struct RegisterSeedArgs {
    /// The seed (bytes32 or text).
    pub seed: String,
    /// Model id (bytes32 or text).
    #[arg(long)]
    pub model_id: String,
    /// Prompt (bytes32 hash or the prompt text, hashed).
    #[arg(long)]
    pub prompt: String,
    /// URI of the seed's description.
    #[arg(long, default_value = "")]
    pub uri: String,
    /// Initial stake, shares.
    #[arg(long)]
    pub stake: Amount,
}

#[derive(Debug, Args)]
pub struct DelegateArgs {
    /// Delegatee [default: yourself].
    pub to: Option<Address>,
}

#[derive(Debug, Args)]
pub struct ProposeArgs {
    /// The proposal's description (its hash and the proposer are part of the
    /// proposal id);
    /// required, before or after the action.
    #[arg(long, short, global = true)]
    pub description: Option<String>,
    #[command(subcommand)]
    pub action: ProposeAction,
}

/// Which contract a SetParams action targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParamTarget {
    Token,
    Registry,
    Treasury,
    Vault,
}

/// A parameter value: an integer (decimal or 0x hex), or an address as uint160.
pub fn param_value(s: &str) -> Result<U256, String> {
    let t = s.trim();
    if t.len() == 42 && t.starts_with("0x") {
        if let Ok(a) = t.parse::<Address>() {
            return Ok(U256::from_be_slice(a.as_slice()));
        }
    }
    t.parse::<U256>().map_err(|_| format!("`{s}` is not an integer or an address"))
}

#[derive(Debug, Subcommand)]
pub enum ProposeAction {
    /// Kind 0: set the collective's creative direction (model and prompt).
    CreativeDirection {
        #[arg(long)]
        model_id: String,
        #[arg(long)]
        prompt: Option<String>,
        #[arg(long)]
        uri: Option<String>,
    },
    /// Kind 1: grant an exhibition right on an artwork until a time.
    GrantExhibition {
        #[arg(long)]
        grantee: Address,
        #[arg(long)]
        artwork: U256,
        /// Unix time the grant ends.
        #[arg(long, conflicts_with = "days")]
        until: Option<u64>,
        /// Or: days from now.
        #[arg(long)]
        days: Option<u64>,
    },
    /// Kind 2: approve a derivative license (the licensee then pays the fee).
    License {
        #[arg(long)]
        licensee: Address,
        #[arg(long)]
        artwork: U256,
        /// Fee in ETH.
        #[arg(long, default_value = "0")]
        fee: Amount,
        /// Terms (bytes32 hash, or text hashed).
        #[arg(long)]
        terms: String,
    },
    /// Kind 3: approve a listing: the depositor may deliver the token for shares.
    Listing {
        #[arg(long)]
        collection: Address,
        #[arg(long)]
        depositor: Address,
        #[arg(long, default_value = "0")]
        token_id: U256,
        /// Shares the depositor receives.
        #[arg(long)]
        shares: Amount,
    },
    /// Kind 4: set a parameter of the token, registry, treasury or vault.
    SetParam {
        #[arg(long, value_enum)]
        target: ParamTarget,
        /// Parameter name (see `atelier propose set-param --help`) or key number.
        #[arg(long)]
        key: String,
        /// Raw value (integer units: wei, share units, seconds, bps, WAD), or an
        /// address for the keeper and acquirer keys.
        #[arg(long, value_parser = param_value)]
        value: U256,
    },
    /// Kind 5: release an acquired artwork from the vault.
    Release {
        #[arg(long)]
        artwork: U256,
        #[arg(long)]
        to: Address,
    },
    /// Kind 6: withdraw ETH from the treasury's reserve.
    WithdrawReserve {
        #[arg(long)]
        to: Address,
        /// ETH.
        #[arg(long)]
        amount: Amount,
    },
    /// Kind 7: return an NFT that reached the vault by a plain transferFrom (not in
    /// custody) to an address.
    Rescue {
        #[arg(long)]
        collection: Address,
        #[arg(long)]
        token_id: U256,
        #[arg(long)]
        to: Address,
    },
}

/// Vote choices (OpenZeppelin Governor order: 0 against, 1 for, 2 abstain).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Support {
    Against,
    For,
    Abstain,
}

#[derive(Debug, Args)]
pub struct VoteArgs {
    pub proposal: U256,
    #[arg(value_enum)]
    pub support: Support,
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExecuteArgs {
    pub proposal: U256,
}

#[derive(Debug, Args)]
pub struct ProposalArg {
    pub proposal: U256,
}

#[derive(Debug, Args)]
pub struct ExitArgs {
    pub proposal: U256,
    /// Shares to burn (at most your Against vote's weight, in total).
    pub shares: Amount,
}

#[derive(Debug, Args)]
pub struct VetoArgs {
    pub proposal: U256,
    /// Steward token ids [default: every steward token you hold].
    #[arg(long = "token")]
    pub tokens: Vec<U256>,
}

#[derive(Debug, Args)]
pub struct RedeemArgs {
    pub artwork: U256,
}

#[derive(Debug, Subcommand)]
pub enum LicenseCommand {
    /// Pay a license's fee and activate it (licensee only).
    Activate { license: U256 },
    /// Show a license.
    Show { license: U256 },
}

#[derive(Debug, Args)]
pub struct DepositArgs {
    /// The artwork's ERC-721 collection.
    #[arg(long)]
    pub collection: Address,
    #[arg(long)]
    pub token_id: U256,
    /// The generative seed (bytes32 or text).
    #[arg(long)]
    pub seed: String,
    /// Model id (bytes32 or text).
    #[arg(long)]
    pub model_id: String,
    /// Prompt (bytes32 hash or text, hashed).
    #[arg(long)]
    pub prompt: String,
    /// The artist [default: you].
    #[arg(long)]
    pub artist: Option<Address>,
    #[arg(long, default_value = "")]
    pub uri: String,
}

#[derive(Debug, Args)]
pub struct AcquireArgs {
    #[arg(long)]
    pub collection: Address,
    #[arg(long)]
    pub token_id: U256,
    /// The current owner, paid `price`.
    #[arg(long)]
    pub seller: Address,
    /// ETH.
    #[arg(long)]
    pub price: Amount,
    #[arg(long)]
    pub seed: String,
    #[arg(long)]
    pub model_id: String,
    #[arg(long)]
    pub prompt: String,
    #[arg(long)]
    pub artist: Address,
    #[arg(long, default_value = "")]
    pub uri: String,
}

#[derive(Debug, Args)]
pub struct DecodeErrorArgs {
    /// Revert data, 0x-prefixed hex.
    pub data: String,
}

#[derive(Debug, Args)]
pub struct KeeperArgs {
    /// Seconds between runs.
    #[arg(long, default_value_t = 300)]
    pub interval: u64,
    /// Run once and exit.
    #[arg(long)]
    pub once: bool,
    /// State file (last block seen, the model's memory)
    /// [default: keeper-<chainId>.json beside the deployment record].
    #[arg(long)]
    pub state: Option<PathBuf>,
    /// Where to write curation-<chainId>.json and .md [default: the deployment
    /// record's directory].
    #[arg(long)]
    pub report_dir: Option<PathBuf>,
    /// Compute and report; send nothing and write nothing (but --record).
    #[arg(long)]
    pub dry_run: bool,
    /// Demand window for the sale velocity, seconds.
    #[arg(long, default_value_t = 86_400)]
    pub window: u64,
    /// Append the SharesBought logs read (eth_getLogs JSON, with blockTimestamp)
    /// to this file: a recorded series for the model's tests.
    #[arg(long)]
    pub record: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DeployArgs {
    /// Deploy afresh even if the deployment file records a deployment (the old
    /// file is kept beside as <file>.stale-<unix time>.json).
    #[arg(long)]
    pub fresh: bool,
    /// The collective's arguments.
    #[arg(long, default_value = "deploy/collective.json")]
    pub config: PathBuf,
    /// Directory of the five WASM files (scripts/build writes them).
    #[arg(long, default_value = "target/stylus")]
    pub wasm_dir: PathBuf,
    /// The keeper allowed to set the premium [default: the deployer].
    #[arg(long)]
    pub keeper: Option<Address>,
    /// The vault's genesis curator [default: the deployer].
    #[arg(long)]
    pub curator: Option<Address>,
    /// The treasury's acquirer [default: the deployer].
    #[arg(long)]
    pub acquirer: Option<Address>,
    /// The cargo-stylus command (a path, or `cargo stylus`).
    #[arg(long, env = "CARGO_STYLUS", default_value = "cargo stylus")]
    pub cargo_stylus: String,
    /// The StylusDeployer that runs constructors.
    #[arg(long, env = "STYLUS_DEPLOYER", default_value_t = crate::bindings::STYLUS_DEPLOYER)]
    pub stylus_deployer: Address,
    /// Passed to cargo stylus deploy as --max-fee-per-gas-gwei.
    #[arg(long)]
    pub max_fee_per_gas_gwei: Option<String>,
}
