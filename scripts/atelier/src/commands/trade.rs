//! The primary sale (`buy`), the buyback (`sell`) and the treasury's upkeep.
use alloy::{primitives::U256, sol_types::SolCall};
use serde_json::json;

use crate::{
    bindings::{FractionToken, Treasury},
    chain::{explain_contract, Ctx, Report},
    cli::{BuyArgs, SellArgs},
    commands::ensure_free_shares,
    util::{fail, fmt_amount, fmt_time, UNIT},
};
use crate::util::Result;

/// `quote * (10_000 + bps) / 10_000`, rounded up.
pub fn with_slippage(quote: U256, bps: u32) -> U256 {
    let num = quote * U256::from(10_000u64 + u64::from(bps));
    num.div_ceil(U256::from(10_000u64))
}

pub async fn buy(ctx: &mut Ctx, a: BuyArgs) -> Result<Report> {
    ctx.sender()?;
    let shares = a.shares.0;
    if shares.is_zero() {
        return fail("buy: the number of shares must be positive");
    }
    let addr = ctx.addr("FractionToken")?;
    let token = FractionToken::new(addr, ctx.provider.clone());
    // Past the supply cap the quote overflows (MathOverflow): say what is wrong.
    let max_key = crate::params::TOKEN.iter().position(|k| *k == "maxSupply").unwrap_or(8) as u8;
    let max_supply = token.param(max_key).call().await.map_err(|e| explain_contract("param(MAX_SUPPLY)", e))?._0;
    let supply = token.totalSupply().call().await.map_err(|e| explain_contract("totalSupply", e))?._0;
    if shares > max_supply.saturating_sub(supply) {
        return fail(format!(
            "buy: {} shares would pass the {} share supply cap ({} in circulation, {} left): nothing was sent",
            fmt_amount(shares),
            fmt_amount(max_supply),
            fmt_amount(supply),
            fmt_amount(max_supply.saturating_sub(supply))
        ));
    }
    let quote = token.quoteBuy(shares).call().await.map_err(|e| explain_contract("quoteBuy", e))?._0;
    let max_cost = a.max_cost.map(|m| m.0).unwrap_or_else(|| with_slippage(quote, a.slippage_bps));
    ctx.progress(format!("quote for {} shares: {} ETH (paying at most {} ETH)", fmt_amount(shares), fmt_amount(quote), fmt_amount(max_cost)));
    let deadline = ctx.deadline().await?;
    let data = FractionToken::buyCall { shares, max_cost, deadline }.abi_encode();
    let sent = ctx.send_call(&format!("buy {} shares", fmt_amount(shares)), addr, data.into(), max_cost).await?;
    let bought = sent.receipt.inner.logs().iter().find_map(|l| l.log_decode::<FractionToken::SharesBought>().ok());
    let (cost, spot) = bought.map(|l| (l.inner.data.cost, l.inner.data.spotPriceAfter)).unwrap_or((quote, U256::ZERO));
    let mut rep = Report::new(json!({
        "action": "buy", "shares": shares.to_string(), "cost": cost.to_string(),
        "spotPriceAfter": spot.to_string(), "transaction": sent.json(),
    }));
    rep.line(format!("bought {} shares for {} ETH (spot now {} ETH/share)", fmt_amount(shares), fmt_amount(cost), fmt_amount(spot)));
    rep.line(sent.summary());
    Ok(rep)
}

pub async fn sell(ctx: &mut Ctx, a: SellArgs) -> Result<Report> {
    ctx.sender()?;
    let shares = a.shares.0;
    if shares.is_zero() {
        return fail("sell: the number of shares must be positive");
    }
    let taddr = ctx.addr("Treasury")?;
    let treasury = Treasury::new(taddr, ctx.provider.clone());
    let round = treasury.buybackRound().call().await.map_err(|e| explain_contract("buybackRound", e))?;
    if !round._6 {
        return fail("sell: no buyback round is live (an upkeep opens one when the buyback bucket holds enough)");
    }
    let bid = treasury.currentBid().call().await.map_err(|e| explain_contract("currentBid", e))?._0;
    let min_price = a.min_price.map(|m| m.0).unwrap_or(bid);
    ctx.progress(format!("buyback round {} bids {} ETH/share until {}", round._0, fmt_amount(bid), fmt_time(round._5.saturating_to())));
    // No approval: the token lets the treasury burn its caller's shares.
    ensure_free_shares(ctx, shares).await?;
    let mut rep = Report::default();
    let deadline = ctx.deadline().await?;
    let data = Treasury::sellToTreasuryCall { shares, min_price, deadline }.abi_encode();
    let sent = ctx.send_call(&format!("sell {} shares", fmt_amount(shares)), taddr, data.into(), U256::ZERO).await?;
    let filled = sent.receipt.inner.logs().iter().find_map(|l| l.log_decode::<Treasury::BuybackFilled>().ok());
    let (sold, paid) = filled.map(|l| (l.inner.data.shares, l.inner.data.paid)).unwrap_or((shares, shares * bid / UNIT));
    rep.json = json!({
        "action": "sell", "shares": sold.to_string(), "paid": paid.to_string(), "bid": bid.to_string(),
        "transaction": sent.json(),
    });
    rep.line(format!("sold {} shares into round {} for {} ETH (burned)", fmt_amount(sold), round._0, fmt_amount(paid)));
    rep.line(sent.summary());
    Ok(rep)
}

pub async fn upkeep(ctx: &mut Ctx) -> Result<Report> {
    ctx.sender()?;
    let taddr = ctx.addr("Treasury")?;
    let treasury = Treasury::new(taddr, ctx.provider.clone());
    let due = ctx.view("checkUpkeep", taddr, &Treasury::checkUpkeepCall { check_data: Default::default() }).await?._0;
    if !due {
        let epoch = treasury.epochState().call().await.map_err(|e| explain_contract("epochState", e))?;
        let mut rep = Report::new(json!({"action": "upkeep", "due": false, "nextDue": epoch._2.to_string()}));
        rep.line(format!("upkeep not due; next at {}", fmt_time(epoch._2.saturating_to())));
        return Ok(rep);
    }
    let data = Treasury::performUpkeepCall { perform_data: Default::default() }.abi_encode();
    let sent = ctx.send_call("performUpkeep", taddr, data.into(), U256::ZERO).await?;
    Ok(upkeep_report(&sent))
}

/// Reads the upkeep's events into a report.
pub fn upkeep_report(sent: &crate::chain::Sent) -> Report {
    let logs = sent.receipt.inner.logs();
    let done = logs.iter().find_map(|l| l.log_decode::<Treasury::UpkeepPerformed>().ok());
    let opened = logs.iter().find_map(|l| l.log_decode::<Treasury::BuybackOpened>().ok());
    let mut rep = Report::new(json!({
        "action": "upkeep", "due": true, "transaction": sent.json(),
        "epoch": done.as_ref().map(|d| d.inner.data.epoch.to_string()),
        "rewardsStreamed": done.as_ref().map(|d| d.inner.data.rewardsStreamed.to_string()),
        "buybackBudget": done.as_ref().map(|d| d.inner.data.buybackBudget.to_string()),
        "roundOpened": opened.as_ref().map(|o| o.inner.data.round.to_string()),
    }));
    if let Some(d) = done {
        rep.line(format!(
            "upkeep done: epoch {}, {} ETH streamed to stakers, buyback budget {} ETH",
            d.inner.data.epoch,
            fmt_amount(d.inner.data.rewardsStreamed),
            fmt_amount(d.inner.data.buybackBudget)
        ));
    }
    if let Some(o) = opened {
        rep.line(format!("buyback round {} opened until {}", o.inner.data.round, fmt_time(o.inner.data.end.saturating_to())));
    }
    rep.line(sent.summary());
    rep
}
