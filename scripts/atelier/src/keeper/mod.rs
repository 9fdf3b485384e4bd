//! `atelier keeper`: each run reads the token's and the registry's events since
//! the last run, feeds the demand model, sets the premium (keeper only), runs the
//! treasury's upkeep when due, and writes the curation report.
pub mod model;
pub mod report;

use std::path::{Path, PathBuf};

use alloy::{
    primitives::{Address, U256},
    rpc::types::{Filter, Log},
    sol_types::{SolCall, SolEvent},
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::{
    bindings::{CurationRegistry, FractionToken, Treasury},
    chain::{explain_contract, Ctx, Report},
    cli::KeeperArgs,
    commands::{status::ranked_seeds, trade::upkeep_report},
    util::{fail, fmt_amount, wad_to_f64, Context, Error, Result},
};
use model::{Chain, Memory, Sale, Settings};

/// What the keeper keeps between runs.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct State {
    pub chain_id: u64,
    /// Last block whose events were read.
    pub last_block: Option<u64>,
    pub memory: Memory,
    /// Sales inside the velocity window.
    pub sales: Vec<Sale>,
    /// The premium in force after the last event read (`PremiumSet`), 1.0 at first.
    #[serde(default)]
    pub premium: Option<f64>,
}

/// Sales from the token's `SharesBought` and `PremiumSet` logs, in chain order;
/// `time` gives a log's block timestamp. Each sale's price is divided by the
/// premium in force (`premium`, updated by `PremiumSet`), so the model sees the
/// sale curve itself and the keeper's own moves never read as volatility.
pub fn sales_from_logs(logs: &[Log], time: impl Fn(&Log) -> Option<u64>, premium: &mut f64) -> Vec<Sale> {
    let mut out = Vec::new();
    for l in logs {
        if let Ok(p) = l.log_decode::<FractionToken::PremiumSet>() {
            let v = wad_to_f64(p.inner.data.newPremium);
            if v > 0.0 {
                *premium = v;
            }
            continue;
        }
        let Ok(ev) = l.log_decode::<FractionToken::SharesBought>() else { continue };
        let Some(timestamp) = time(l) else { continue };
        out.push(Sale {
            timestamp,
            shares: wad_to_f64(ev.inner.data.shares),
            spot_after: wad_to_f64(ev.inner.data.spotPriceAfter) / *premium,
        });
    }
    out
}

fn load_state(path: &Path, chain_id: u64) -> Result<State> {
    match std::fs::read_to_string(path) {
        Ok(t) => {
            let s: State = serde_json::from_str(&t).ctx(format!("{} is not a keeper state file", path.display()))?;
            if s.chain_id != chain_id {
                return fail(format!("{} is for chain {}, not {chain_id}", path.display(), s.chain_id));
            }
            Ok(s)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State { chain_id, ..Default::default() }),
        Err(e) => fail(format!("cannot read {}: {e}", path.display())),
    }
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(d) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(d).ctx(format!("cannot create {}", d.display()))?;
    }
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text).ctx(format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).ctx(format!("cannot write {}", path.display()))
}

pub async fn run(ctx: &mut Ctx, a: KeeperArgs) -> Result<Report> {
    ctx.deployment()?;
    // Beside the deployment record it reads (--deployment), not ./deployments.
    let beside = ctx.deployment_path.parent().map(PathBuf::from).unwrap_or_default();
    let state_path = a.state.clone().unwrap_or_else(|| beside.join(format!("keeper-{}.json", ctx.chain_id)));
    let report_dir = a.report_dir.clone().unwrap_or(beside);
    if a.once {
        return once(ctx, &a, &state_path, &report_dir).await;
    }
    if a.interval == 0 {
        return fail("keeper: --interval must be at least 1 second");
    }
    loop {
        match once(ctx, &a, &state_path, &report_dir).await {
            Ok(rep) => crate::print_report(&rep, !ctx.verbose),
            Err(e) => crate::print_error(&e, !ctx.verbose),
        }
        tokio::select! {
            _ = tokio::time::sleep(std::time::Duration::from_secs(a.interval)) => {}
            _ = tokio::signal::ctrl_c() => {
                ctx.progress("keeper: stopped");
                return Ok(Report::new(json!({"stopped": true})));
            }
        }
    }
}

/// One keeper run.
async fn once(ctx: &mut Ctx, a: &KeeperArgs, state_path: &Path, report_dir: &Path) -> Result<Report> {
    let mut state = load_state(state_path, ctx.chain_id)?;
    let (head, now) = ctx.head().await?;
    let taddr = ctx.addr("FractionToken")?;
    let raddr = ctx.addr("CurationRegistry")?;
    let from = state.last_block.map(|b| b + 1).unwrap_or(ctx.start_block());
    let settings = Settings { window: a.window, ..Default::default() };

    // Events since the last run.
    let (sales_logs, registry_logs) = if from <= head {
        let f = Filter::new()
            .address(taddr)
            .event_signature(vec![FractionToken::SharesBought::SIGNATURE_HASH, FractionToken::PremiumSet::SIGNATURE_HASH]);
        let sales_logs = ctx.logs(f, from, head, ctx.log_chunk).await?;
        let r = Filter::new().address(raddr);
        let registry_logs = ctx.logs(r, from, head, ctx.log_chunk).await?;
        (sales_logs, registry_logs)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut times = std::collections::BTreeMap::new();
    for l in &sales_logs {
        let n = l.block_number.unwrap_or(head);
        if let Some(t) = l.block_timestamp {
            times.insert(n, t);
        } else if let std::collections::btree_map::Entry::Vacant(e) = times.entry(n) {
            e.insert(ctx.block_time(n).await?);
        }
    }
    let mut premium_seen = state.premium.unwrap_or(1.0);
    let new_sales = sales_logs_to_sales(&sales_logs, &times, &mut premium_seen);
    state.premium = Some(premium_seen);
    if let Some(path) = &a.record {
        record(path, &sales_logs, &times)?;
    }
    let seeds_registered = registry_logs.iter().filter(|l| l.topic0() == Some(&CurationRegistry::SeedRegistered::SIGNATURE_HASH)).count();
    let stakes = registry_logs.iter().filter(|l| l.topic0() == Some(&CurationRegistry::Staked::SIGNATURE_HASH)).count();
    let unstakes = registry_logs.iter().filter(|l| l.topic0() == Some(&CurationRegistry::Unstaked::SIGNATURE_HASH)).count();

    // The model's memory: each sale's price, then the price now.
    let token = FractionToken::new(taddr, ctx.provider.clone());
    let e = |w: &'static str| move |err| explain_contract(w, err);
    for s in &new_sales {
        state.memory.observe(s.spot_after, settings.lambda);
    }
    let spot = token.spotPrice().call().await.map_err(e("spotPrice"))?._0;
    let premium_now = wad_to_f64(token.premium().call().await.map_err(e("premium"))?._0);
    if premium_now > 0.0 {
        state.memory.observe(wad_to_f64(spot) / premium_now, settings.lambda);
    }
    state.sales.extend(new_sales.iter().copied());
    state.sales.retain(|s| s.timestamp + settings.window >= now);

    let param = |k: u8| {
        let token = token.clone();
        async move { token.param(k).call().await.map(|r| r._0).map_err(|err| explain_contract("param", err)) }
    };
    let chain = Chain {
        now,
        target_rate: wad_to_f64(param(2).await?),
        sale_start: param(3).await?.saturating_to(),
        premium: token.premium().call().await.map_err(e("premium"))?._0,
        premium_min: param(4).await?,
        premium_max: param(5).await?,
        premium_max_step: param(6).await?,
        premium_interval: param(7).await?.saturating_to(),
        premium_updated_at: token.premiumUpdatedAt().call().await.map_err(e("premiumUpdatedAt"))?._0.saturating_to(),
    };
    let keeper = Address::from_word(param(10).await?.into());
    let signal = model::evaluate(&chain, &settings, &state.memory, &state.sales);

    let mut rep = Report::default();
    let span = if from <= head { format!("blocks {from}..={head}") } else { format!("no new block since {head}") };
    rep.line(format!(
        "keeper: {span}: {} sale(s), {seeds_registered} seed(s) registered, {stakes} stake(s), {unstakes} unstake(s)",
        new_sales.len()
    ));
    rep.line(format!(
        "demand: {:.2} shares sold in {}s vs {:.2} on schedule (velocity {:.2}, D {:+.2}); volatility sigma {:.4} (V {:.2}); target premium x{:.4}",
        signal.sold, signal.window, signal.target, signal.velocity, signal.demand, signal.sigma, signal.volatility, signal.target_premium
    ));
    rep.line(format!("premium: {}", signal.reason));

    // setPremium: only the keeper may call it.
    let mut premium_tx = Value::Null;
    if let Some(wad) = signal.proposal {
        let me = ctx.sender;
        if a.dry_run {
            rep.line(format!("dry run: would setPremium({wad})"));
        } else if me != Some(keeper) {
            rep.line(format!("not sending setPremium: the token's keeper is {keeper}, you are {}", me.map(|m| m.to_string()).unwrap_or("read-only".into())));
        } else {
            let data = FractionToken::setPremiumCall { wad }.abi_encode();
            let sent = ctx.send_call(&format!("setPremium x{}", fmt_amount(wad)), taddr, data.into(), U256::ZERO).await?;
            rep.line(format!("premium set to x{}: {}", fmt_amount(wad), sent.summary()));
            premium_tx = sent.json();
        }
    }

    // Upkeep when due (anyone may call it).
    let treasury = Treasury::new(ctx.addr("Treasury")?, ctx.provider.clone());
    let due = ctx.view("checkUpkeep", *treasury.address(), &Treasury::checkUpkeepCall { check_data: Default::default() }).await?._0;
    let mut upkeep = json!({"due": due});
    if due {
        if a.dry_run || ctx.sender.is_none() {
            rep.line("upkeep due: not sent (dry run or no key)");
        } else {
            let data = Treasury::performUpkeepCall { perform_data: Default::default() }.abi_encode();
            let sent = ctx.send_call("performUpkeep", *treasury.address(), data.into(), U256::ZERO).await?;
            let r = upkeep_report(&sent);
            rep.lines.extend(r.lines);
            upkeep = r.json;
        }
    }

    // Curation report.
    let seeds = ranked_seeds(ctx).await?;
    let json_path = report_dir.join(format!("curation-{}.json", ctx.chain_id));
    let md_path = report_dir.join(format!("curation-{}.md", ctx.chain_id));
    let rj = report::json(ctx.chain_id, head, now, &seeds);
    if a.dry_run {
        // A dry run changes nothing: no transaction, no file, no state.
        rep.line(format!("curation report: {} seed(s) (dry run: nothing written)", seeds.len()));
    } else {
        write(&json_path, &(serde_json::to_string_pretty(&rj).unwrap_or_default() + "\n"))?;
        write(&md_path, &report::markdown(ctx.chain_id, head, now, &seeds))?;
        rep.line(format!("curation report: {} seed(s) -> {} and {}", seeds.len(), json_path.display(), md_path.display()));
        state.last_block = Some(head);
        write(state_path, &(serde_json::to_string_pretty(&state).map_err(|e| Error(e.to_string()))? + "\n"))?;
    }
    rep.json = json!({
        "block": head, "timestamp": now, "fromBlock": from, "newSales": new_sales.len(),
        "seedsRegistered": seeds_registered, "stakes": stakes, "unstakes": unstakes,
        "signal": signal, "premiumTx": premium_tx, "upkeep": upkeep,
        "report": {"json": json_path, "markdown": md_path, "seeds": seeds.len()},
    });
    Ok(rep)
}

/// Appends logs (timestamps filled in) to a JSON array file.
fn record(path: &Path, logs: &[Log], times: &std::collections::BTreeMap<u64, u64>) -> Result<()> {
    let mut all: Vec<Log> = match std::fs::read_to_string(path) {
        Ok(t) => serde_json::from_str(&t).ctx(format!("{} is not a JSON array of logs", path.display()))?,
        Err(_) => Vec::new(),
    };
    for l in logs {
        let mut l = l.clone();
        if l.block_timestamp.is_none() {
            l.block_timestamp = l.block_number.and_then(|n| times.get(&n).copied());
        }
        all.push(l);
    }
    write(path, &(serde_json::to_string_pretty(&all).map_err(|e| Error(e.to_string()))? + "\n"))
}

fn sales_logs_to_sales(logs: &[Log], times: &std::collections::BTreeMap<u64, u64>, premium: &mut f64) -> Vec<Sale> {
    sales_from_logs(logs, |l| l.block_timestamp.or_else(|| l.block_number.and_then(|n| times.get(&n).copied())), premium)
}
