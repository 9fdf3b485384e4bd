//! One module per group of user actions; shared helpers here.
use alloy::primitives::U256;

use crate::{
    bindings::{CurationRegistry, FractionToken},
    chain::{explain_contract, Ctx, Report},
    cli::{Cli, Command},
    util::{fail, fmt_amount, parse_b32, Error, Result},
};

pub mod curate;
pub mod deploy;
pub mod govern;
pub mod status;
pub mod trade;
pub mod vault;

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> Result<Report> {
    if let Command::DecodeError(a) = &cli.command {
        return decode_error(&a.data);
    }
    let key = cli.private_key.as_deref();
    let mut ctx = Ctx::connect(&cli.rpc_url, key, cli.deployment.clone(), !cli.json).await?;
    ctx.log_chunk = cli.log_chunk.max(1);
    if !matches!(cli.command, Command::Deploy(_)) {
        ctx.check_deployment().await?;
    }
    match cli.command {
        Command::Status(a) => status::run(&mut ctx, a).await,
        Command::Buy(a) => trade::buy(&mut ctx, a).await,
        Command::Sell(a) => trade::sell(&mut ctx, a).await,
        Command::Stake(a) => curate::stake(&mut ctx, a, true).await,
        Command::Unstake(a) => curate::stake(&mut ctx, a, false).await,
        Command::Claim => curate::claim(&mut ctx).await,
        Command::RegisterSeed(a) => curate::register_seed(&mut ctx, a).await,
        Command::Delegate(a) => govern::delegate(&mut ctx, a).await,
        Command::Propose(a) => govern::propose(&mut ctx, a).await,
        Command::Vote(a) => govern::vote(&mut ctx, a).await,
        Command::Execute(a) => govern::execute(&mut ctx, a).await,
        Command::Veto(a) => govern::veto(&mut ctx, a).await,
        Command::Cancel(a) => govern::cancel(&mut ctx, a).await,
        Command::Exit(a) => govern::exit(&mut ctx, a).await,
        Command::Redeem(a) => vault::redeem(&mut ctx, a).await,
        Command::License(a) => vault::license(&mut ctx, a).await,
        Command::Deposit(a) => vault::deposit(&mut ctx, a).await,
        Command::EndBootstrap => vault::end_bootstrap(&mut ctx).await,
        Command::Acquire(a) => vault::acquire(&mut ctx, a).await,
        Command::Upkeep => trade::upkeep(&mut ctx).await,
        Command::Keeper(a) => crate::keeper::run(&mut ctx, a).await,
        Command::Deploy(a) => deploy::run(&mut ctx, a).await,
        Command::DecodeError(_) => unreachable!("handled above"),
    }
}

/// `atelier decode-error 0x...`: offline.
fn decode_error(hex: &str) -> Result<Report> {
    let data = alloy::hex::decode(hex.trim()).map_err(|_| Error(format!("`{hex}` is not hex")))?;
    let r = crate::errors::decode(&data);
    let mut rep = Report::new(r.to_json());
    rep.line(r.to_string());
    Ok(rep)
}

/// Refuses, before anything is sent, an action needing `amount` of the
/// sender's shares free to move (staked shares are locked in place).
pub async fn ensure_free_shares(ctx: &mut Ctx, amount: U256) -> Result<()> {
    let owner = ctx.sender()?;
    let token = FractionToken::new(ctx.addr("FractionToken")?, ctx.provider.clone());
    let balance = token.balanceOf(owner).call().await.map_err(|e| explain_contract("balanceOf", e))?._0;
    let locked = token.lockedBalanceOf(owner).call().await.map_err(|e| explain_contract("lockedBalanceOf", e))?._0;
    let free = balance.saturating_sub(locked);
    if free < amount {
        let staked = if locked.is_zero() { String::new() } else { format!(" free ({} more staked: unstake first)", fmt_amount(locked)) };
        return fail(format!("{owner} holds {} shares{staked}; this needs {}: nothing was sent", fmt_amount(free), fmt_amount(amount)));
    }
    Ok(())
}

/// A seed given as an id (digits) or as the seed itself (bytes32 or text).
pub async fn seed_id(ctx: &mut Ctx, seed: &str) -> Result<U256> {
    if !seed.is_empty() && seed.bytes().all(|b| b.is_ascii_digit()) {
        let id = U256::from_str_radix(seed, 10).map_err(|_| Error(format!("seed id `{seed}` is too large")))?;
        let registry = CurationRegistry::new(ctx.addr("CurationRegistry")?, ctx.provider.clone());
        let count = registry.seedCount().call().await.map_err(|e| explain_contract("seedCount", e))?._0;
        if id.is_zero() || id > count {
            return fail(format!("seed {id} is not registered (seeds 1 to {count}): nothing was sent"));
        }
        return Ok(id);
    }
    let (b, _) = parse_b32(seed);
    let registry = CurationRegistry::new(ctx.addr("CurationRegistry")?, ctx.provider.clone());
    let id = registry.seedIdOf(b).call().await.map_err(|e| explain_contract("seedIdOf", e))?._0;
    if id.is_zero() {
        return Err(Error(format!("seed `{seed}` ({b}) is not registered")));
    }
    Ok(id)
}
