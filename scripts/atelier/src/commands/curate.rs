//! Curation: stake, unstake, claim, register a seed.
use alloy::{primitives::U256, sol_types::SolCall};
use serde_json::json;

use crate::{
    bindings::CurationRegistry,
    chain::{explain_contract, Ctx, Report},
    cli::{RegisterSeedArgs, StakeArgs},
    commands::{ensure_free_shares, seed_id},
    util::{fail, fmt_amount, fmt_time, parse_b32, Result},
};

pub async fn stake(ctx: &mut Ctx, a: StakeArgs, stake: bool) -> Result<Report> {
    ctx.sender()?;
    let verb = if stake { "stake" } else { "unstake" };
    let shares = a.shares.0;
    if shares.is_zero() {
        return fail(format!("{verb}: the number of shares must be positive"));
    }
    let id = seed_id(ctx, &a.seed).await?;
    let raddr = ctx.addr("CurationRegistry")?;
    let mut rep = Report::default();
    // Staking locks the shares in place (no approval): they must be free now.
    if stake {
        ensure_free_shares(ctx, shares).await?;
    }
    let data = if stake {
        CurationRegistry::stakeCall { seed_id: id, amount: shares }.abi_encode()
    } else {
        CurationRegistry::unstakeCall { seed_id: id, amount: shares }.abi_encode()
    };
    let sent = ctx.send_call(&format!("{verb} {} shares on seed {id}", fmt_amount(shares)), raddr, data.into(), U256::ZERO).await?;
    let registry = CurationRegistry::new(raddr, ctx.provider.clone());
    let conviction = registry.conviction(id).call().await.map_err(|e| explain_contract("conviction", e))?._0;
    let seed_stake = registry.seedStake(id).call().await.map_err(|e| explain_contract("seedStake", e))?._0;
    rep.json = json!({
        "action": verb, "seedId": id.to_string(), "shares": shares.to_string(),
        "seedStake": seed_stake.to_string(), "conviction": conviction.to_string(),
        "transaction": sent.json(),
    });
    rep.line(format!(
        "{verb}d {} shares on seed {id}: seed stake {} shares, conviction {}",
        fmt_amount(shares),
        fmt_amount(seed_stake),
        fmt_amount(conviction)
    ));
    if stake {
        let me = ctx.sender()?;
        let at = registry.unstakeAvailableAt(me, id).call().await.map_err(|e| explain_contract("unstakeAvailableAt", e))?._0;
        rep.line(format!("unstakable from {}", fmt_time(at.saturating_to())));
    }
    rep.line(sent.summary());
    Ok(rep)
}

pub async fn claim(ctx: &mut Ctx) -> Result<Report> {
    let me = ctx.sender()?;
    let raddr = ctx.addr("CurationRegistry")?;
    let registry = CurationRegistry::new(raddr, ctx.provider.clone());
    let earned = registry.earned(me).call().await.map_err(|e| explain_contract("earned", e))?._0;
    ctx.progress(format!("earned so far: {} ETH", fmt_amount(earned)));
    let sent = ctx.send_call("claim", raddr, CurationRegistry::claimCall {}.abi_encode().into(), U256::ZERO).await?;
    let paid = sent
        .receipt
        .inner
        .logs()
        .iter()
        .find_map(|l| l.log_decode::<CurationRegistry::RewardPaid>().ok())
        .map(|l| l.inner.data.amount)
        .unwrap_or(earned);
    let mut rep = Report::new(json!({"action": "claim", "paid": paid.to_string(), "transaction": sent.json()}));
    rep.line(format!("claimed {} ETH of staking rewards", fmt_amount(paid)));
    rep.line(sent.summary());
    Ok(rep)
}

pub async fn register_seed(ctx: &mut Ctx, a: RegisterSeedArgs) -> Result<Report> {
    ctx.sender()?;
    let (seed, _) = parse_b32(&a.seed);
    let (model_id, _) = parse_b32(&a.model_id);
    let (prompt_hash, _) = parse_b32(&a.prompt);
    let raddr = ctx.addr("CurationRegistry")?;
    let mut rep = Report::default();
    ensure_free_shares(ctx, a.stake.0).await?;
    let data = CurationRegistry::registerSeedCall { seed, model_id, prompt_hash, uri: a.uri.clone(), initial_stake: a.stake.0 }.abi_encode();
    let sent = ctx.send_call("registerSeed", raddr, data.into(), U256::ZERO).await?;
    let id = sent
        .receipt
        .inner
        .logs()
        .iter()
        .find_map(|l| l.log_decode::<CurationRegistry::SeedRegistered>().ok())
        .map(|l| l.inner.data.seedId);
    rep.json = json!({
        "action": "registerSeed", "seedId": id.map(|i| i.to_string()), "seed": seed,
        "modelId": model_id, "promptHash": prompt_hash, "transaction": sent.json(),
    });
    rep.line(format!("registered seed {seed} as id {} with {} shares staked", id.map(|i| i.to_string()).unwrap_or("?".into()), fmt_amount(a.stake.0)));
    rep.line(sent.summary());
    Ok(rep)
}
