//! `atelier status`: the collective at a glance.
use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use serde_json::{json, Value};

use crate::{
    bindings::{ArtGovernor, CurationRegistry, FractionToken, Treasury},
    chain::{explain_contract, Ctx, Report},
    cli::StatusArgs,
    commands::govern::{proposals, state_name},
    util::{b32_text, fmt_amount, fmt_duration, fmt_time, Result, UNIT},
};

/// One seed as the registry reports it.
#[derive(Debug, Clone)]
pub struct Seed {
    pub id: U256,
    pub seed: alloy::primitives::B256,
    pub model_id: alloy::primitives::B256,
    pub prompt_hash: alloy::primitives::B256,
    pub uri: String,
    pub registrant: Address,
    pub stake: U256,
    pub conviction: U256,
}

impl Seed {
    pub fn json(&self) -> Value {
        json!({
            "seedId": self.id.to_string(), "seed": self.seed, "modelId": self.model_id,
            "modelText": b32_text(&self.model_id), "promptHash": self.prompt_hash, "uri": self.uri,
            "registrant": self.registrant, "stake": self.stake.to_string(), "conviction": self.conviction.to_string(),
        })
    }
}

/// Every seed (ids 1..=seedCount), ranked by conviction, highest first.
pub async fn ranked_seeds(ctx: &mut Ctx) -> Result<Vec<Seed>> {
    let raddr = ctx.addr("CurationRegistry")?;
    let registry = CurationRegistry::new(raddr, ctx.provider.clone());
    let count: u64 = registry.seedCount().call().await.map_err(|e| explain_contract("seedCount", e))?._0.saturating_to();
    let mut seeds = Vec::new();
    for i in 1..=count {
        let id = U256::from(i);
        let s = ctx.view("seedInfo", raddr, &CurationRegistry::seedInfoCall { seed_id: id }).await?;
        seeds.push(Seed {
            id,
            seed: s._0,
            model_id: s._1,
            prompt_hash: s._2,
            uri: s._3,
            registrant: s._4,
            stake: s._5,
            conviction: s._6,
        });
    }
    seeds.sort_by(|a, b| b.conviction.cmp(&a.conviction).then(a.id.cmp(&b.id)));
    Ok(seeds)
}

pub async fn run(ctx: &mut Ctx, a: StatusArgs) -> Result<Report> {
    let (block, now) = ctx.head().await?;
    let token = FractionToken::new(ctx.addr("FractionToken")?, ctx.provider.clone());
    let taddr = ctx.addr("Treasury")?;
    let treasury = Treasury::new(taddr, ctx.provider.clone());
    let gov = ArtGovernor::new(ctx.addr("ArtGovernor")?, ctx.provider.clone());
    let e = |w: &'static str| move |err| explain_contract(w, err);

    let spot = token.spotPrice().call().await.map_err(e("spotPrice"))?._0;
    let quote = token.quoteBuy(UNIT).call().await.map_err(e("quoteBuy"))?._0;
    let premium = token.premium().call().await.map_err(e("premium"))?._0;
    let supply = token.totalSupply().call().await.map_err(e("totalSupply"))?._0;
    let sold = token.totalSold().call().await.map_err(e("totalSold"))?._0;
    let max_supply = token.param(8).call().await.map_err(e("param"))?._0;
    let b = treasury.buckets().call().await.map_err(e("buckets"))?;
    let eth = ctx.provider.get_balance(taddr).await.map_err(|err| crate::chain::explain("eth_getBalance", err))?;
    let round = treasury.buybackRound().call().await.map_err(e("buybackRound"))?;
    let bid = if round._6 { Some(treasury.currentBid().call().await.map_err(e("currentBid"))?._0) } else { None };
    let epoch = treasury.epochState().call().await.map_err(e("epochState"))?;
    let due = ctx.view("checkUpkeep", taddr, &Treasury::checkUpkeepCall { check_data: Default::default() }).await?._0;
    let gaddr = ctx.addr("ArtGovernor")?;
    let direction = ctx.view("creativeDirection", gaddr, &ArtGovernor::creativeDirectionCall {}).await?;
    let registry = CurationRegistry::new(ctx.addr("CurationRegistry")?, ctx.provider.clone());
    let staked = registry.totalStaked().call().await.map_err(e("totalStaked"))?._0;
    let seeds = ranked_seeds(ctx).await?;

    let mut open = Vec::new();
    for p in proposals(ctx).await? {
        let s = gov.state(p.proposalId).call().await.map_err(e("state"))?._0;
        if matches!(s, 0 | 1 | 4 | 5) {
            let v = gov.proposalVotes(p.proposalId).call().await.map_err(e("proposalVotes"))?;
            open.push((p, s, v._0, v._1, v._2));
        }
    }

    let mut rep = Report::default();
    rep.line(format!("chain {} at block {block}, {}", ctx.chain_id, fmt_time(now)));
    rep.line(format!(
        "sale: spot {} ETH/share, next share {} ETH, premium x{}; {} shares sold, supply {} / {}",
        fmt_amount(spot), fmt_amount(quote), fmt_amount(premium), fmt_amount(sold), fmt_amount(supply), fmt_amount(max_supply)
    ));
    rep.line(format!(
        "treasury: {} ETH = reserve {} + buyback {} + acquisition {} + rewards {} (+ live round)",
        fmt_amount(eth), fmt_amount(b._0), fmt_amount(b._1), fmt_amount(b._2), fmt_amount(b._3)
    ));
    let ended = round._6 && now >= round._5.saturating_to::<u64>();
    match bid {
        Some(_) if ended => rep.line(format!(
            "buyback round {} ended {} with {} of {} ETH spent: the next upkeep closes it",
            round._0, fmt_time(round._5.saturating_to()), fmt_amount(round._2), fmt_amount(round._1)
        )),
        Some(bid) => rep.line(format!(
            "buyback round {} live: bid {} ETH/share, {} of {} ETH spent, ends {}",
            round._0, fmt_amount(bid), fmt_amount(round._2), fmt_amount(round._1), fmt_time(round._5.saturating_to())
        )),
        None => rep.line("buyback: no live round"),
    }
    let next: u64 = epoch._2.saturating_to();
    rep.line(if due {
        "upkeep: due now (atelier upkeep)".to_string()
    } else {
        format!("upkeep: next in {} ({})", fmt_duration(next.saturating_sub(now)), fmt_time(next))
    });
    if direction._0 != alloy::primitives::B256::ZERO {
        let model = b32_text(&direction._0).unwrap_or_else(|| direction._0.to_string());
        rep.line(format!("creative direction: model {model}, prompt {} {}", direction._1, direction._2));
    }
    rep.line(format!("curation: {} seeds, {} shares staked; top by conviction:", seeds.len(), fmt_amount(staked)));
    for s in seeds.iter().take(a.top) {
        let model = b32_text(&s.model_id).unwrap_or_else(|| s.model_id.to_string());
        rep.line(format!("  #{} conviction {} stake {} model {model} {}", s.id, fmt_amount(s.conviction), fmt_amount(s.stake), s.uri));
    }
    rep.line(format!("governance: {} open proposal(s)", open.len()));
    for (p, s, against, yes, abstain) in &open {
        rep.line(format!(
            "  {} [{}] for {} against {} abstain {}: {:?}",
            p.proposalId, state_name(*s), fmt_amount(*yes), fmt_amount(*against), fmt_amount(*abstain), p.description
        ));
    }
    let mut me = Value::Null;
    if let Some(addr) = ctx.sender {
        let bal = token.balanceOf(addr).call().await.map_err(e("balanceOf"))?._0;
        let votes = token.getVotes(addr).call().await.map_err(e("getVotes"))?._0;
        let earned = registry.earned(addr).call().await.map_err(e("earned"))?._0;
        let stake = registry.stakedBy(addr).call().await.map_err(e("stakedBy"))?._0;
        let eth = ctx.provider.get_balance(addr).await.map_err(|err| crate::chain::explain("eth_getBalance", err))?;
        rep.line(format!(
            "you ({addr}): {} ETH, {} shares ({} of them staked, locked in place), {} votes, {} ETH rewards to claim",
            fmt_amount(eth), fmt_amount(bal), fmt_amount(stake), fmt_amount(votes), fmt_amount(earned)
        ));
        me = json!({"address": addr, "eth": eth.to_string(), "shares": bal.to_string(), "staked": stake.to_string(), "votes": votes.to_string(), "earned": earned.to_string()});
    }
    rep.json = json!({
        "chainId": ctx.chain_id, "block": block, "timestamp": now,
        "token": {"spotPrice": spot.to_string(), "quoteOneShare": quote.to_string(), "premium": premium.to_string(),
                  "totalSupply": supply.to_string(), "totalSold": sold.to_string(), "maxSupply": max_supply.to_string()},
        "treasury": {"eth": eth.to_string(), "reserve": b._0.to_string(), "buyback": b._1.to_string(),
                     "acquisition": b._2.to_string(), "rewards": b._3.to_string(),
                     "round": {"id": round._0.to_string(), "budget": round._1.to_string(), "spent": round._2.to_string(),
                               "live": round._6 && !ended, "end": round._5.to_string(), "bid": bid.map(|b| b.to_string())},
                     "upkeepDue": due, "nextUpkeep": next},
        "creativeDirection": {"modelId": direction._0, "promptHash": direction._1, "uri": direction._2},
        "curation": {"totalStaked": staked.to_string(), "seedCount": seeds.len(),
                     "top": seeds.iter().take(a.top).map(Seed::json).collect::<Vec<_>>()},
        "proposals": open.iter().map(|(p, s, ag, yes, ab)| json!({
            "proposalId": p.proposalId.to_string(), "state": state_name(*s), "description": p.description,
            "for": yes.to_string(), "against": ag.to_string(), "abstain": ab.to_string(),
            "voteEnd": p.voteEnd.to_string()})).collect::<Vec<_>>(),
        "me": me,
    });
    Ok(rep)
}
