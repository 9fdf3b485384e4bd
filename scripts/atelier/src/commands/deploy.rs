//! `atelier deploy`: stands a whole collective up, one recorded step at a time.
//!
//! For each contract in `deploy/collective.json`'s order: `cargo stylus deploy
//! --wasm-file` uploads and activates its code; the StylusDeployer then deploys
//! that code again with its constructor (`admin` = the deployer) in one
//! transaction (see `stylus.rs` for why). Then each `initialize` by the admin,
//! in order, which wires the contracts, sets every parameter and clears the
//! admin: from then on only governance (the vault, driven by ArtGovernor) can
//! change anything. Every step is written to the deployment file at once, so a
//! re-run resumes where the last one stopped.
use std::{path::Path, process::Stdio};

use alloy::{
    primitives::{keccak256, Address, Bytes, B256, U256},
    providers::Provider,
    rpc::types::TransactionRequest,
    network::TransactionBuilder,
    sol_types::SolCall,
};

use crate::{
    bindings::{ArtGovernor, ArtVault, CurationRegistry, FractionToken, StylusDeployer, Treasury},
    chain::{explain, explain_contract, Ctx, Report},
    cli::DeployArgs,
    config::{wasm_name, Config, Wiring},
    deployment::{self, Deployment, Step},
    errors, stylus,
    util::{fail, Context, Error, Result},
};

fn say(s: impl AsRef<str>) {
    eprintln!("{}", s.as_ref());
}

pub async fn run(ctx: &mut Ctx, a: DeployArgs) -> Result<Report> {
    let me = ctx.sender()?;
    let text = std::fs::read_to_string(&a.config).ctx(format!("cannot read {}", a.config.display()))?;
    let config = Config::parse(&text)?;
    let config_hash = keccak256(text.as_bytes());
    for name in &config.order {
        let wasm = a.wasm_dir.join(format!("{}.wasm", wasm_name(name)?));
        if !wasm.is_file() {
            return fail(format!("{} is missing: run scripts/build first", wasm.display()));
        }
    }
    let path = ctx.deployment_path.clone();
    if a.fresh && path.exists() {
        // Kept beside, never deleted: it may be the only record of a real deployment.
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default();
        let kept = path.with_extension(format!("stale-{secs}.json"));
        std::fs::rename(&path, &kept).map_err(|e| Error(format!("--fresh: moving {} aside: {e}", path.display())))?;
        say(format!("--fresh: the previous record is kept as {}", kept.display()));
    }
    let mut d = match deployment::load(&path)? {
        Some(d) if d.chain_id != ctx.chain_id => {
            return fail(format!("{} is for chain {}, the endpoint is chain {}", path.display(), d.chain_id, ctx.chain_id))
        }
        Some(d) => {
            say(format!("resuming the deployment recorded in {}", path.display()));
            // A record whose contracts are gone or replaced (a dev chain
            // restarted without its state) must not "resume" into them.
            for (name, r) in &d.contracts {
                let recorded = [(r.code_address, None), (r.address, r.code_hash)];
                for (addr, hash) in recorded.into_iter().filter_map(|(a, h)| a.map(|a| (a, h))) {
                    let code = ctx.provider.get_code_at(addr).await.map_err(|e| explain("eth_getCode", e))?;
                    if let Some(why) = crate::chain::stale_code(&code, hash) {
                        return fail(format!(
                            "{} is stale: it records {name} at {addr}, which {why} on chain {} (a dev chain restarted without its state?). Pass --fresh to deploy afresh (the old record is kept beside), or another --deployment",
                            path.display(),
                            ctx.chain_id
                        ));
                    }
                }
            }
            d
        }
        None => Deployment::new(ctx.chain_id),
    };
    if let Some(prev) = d.deployer {
        if prev != me && d.contracts.values().any(|r| r.address.is_some()) {
            return fail(format!(
                "{} was started by {prev} (the contracts' admin); PRIVATE_KEY is {me}. Use that key, or another --deployment file",
                path.display()
            ));
        }
    }
    if d.config_hash.is_some_and(|h| h != config_hash) {
        say(format!("warning: {} changed since this deployment started; initialize uses the current file", a.config.display()));
    }
    d.deployer = Some(me);
    d.config_hash = Some(config_hash);
    if d.start_block.is_none() {
        d.start_block = Some(ctx.head().await?.0);
    }
    let roles = [("keeper", a.keeper, d.roles.keeper), ("curator", a.curator, d.roles.genesis_curator), ("acquirer", a.acquirer, d.roles.acquirer)];
    for (role, given, recorded) in roles {
        if let (Some(g), Some(r)) = (given, recorded) {
            if g != r && d.contracts.values().any(|c| c.initialize_tx.is_some()) {
                say(format!("warning: --{role} {g} ignored: this deployment already appointed {r}"));
            }
        }
    }
    let any_init = d.contracts.values().any(|c| c.initialize_tx.is_some());
    if !any_init {
        d.roles.keeper = Some(a.keeper.unwrap_or(me));
        d.roles.genesis_curator = Some(a.curator.unwrap_or(me));
        d.roles.acquirer = Some(a.acquirer.unwrap_or(me));
    }
    deployment::save(&path, &d)?;
    say(format!("deploying the collective to chain {} as {me} (the one-time admin); record: {}", ctx.chain_id, path.display()));

    let total = config.order.len() * 3 + 1;
    let mut checked_deployer = false;
    loop {
        let step = d.next_step(&config.order);
        let n = step_number(&step, &config.order);
        match step {
            Step::Done => break,
            Step::Upload(name) => {
                let wasm = a.wasm_dir.join(format!("{}.wasm", wasm_name(&name)?));
                say(format!("[{n}/{total}] {name}: cargo stylus deploy --wasm-file {}", wasm.display()));
                let (addr, tx) = upload(ctx, &a, &wasm, me).await?;
                let r = d.record(&name);
                r.wasm = Some(wasm.display().to_string());
                r.code_address = Some(addr);
                r.code_tx = tx;
                deployment::save(&path, &d)?;
                say(format!("        code at {addr} (activated){}", tx.map(|t| format!(", tx {t}")).unwrap_or_default()));
            }
            Step::Construct(name) => {
                if !checked_deployer {
                    require_code(ctx, a.stylus_deployer, "the StylusDeployer (which runs constructors)").await?;
                    checked_deployer = true;
                }
                let code_addr = d.contracts.get(&name).and_then(|r| r.code_address).ok_or_else(|| Error(format!("{name}: no code address")))?;
                say(format!("[{n}/{total}] {name}: StylusDeployer.deploy with constructor(admin = {me})"));
                let code = ctx.provider.get_code_at(code_addr).await.map_err(|e| explain("eth_getCode", e))?;
                if code.is_empty() {
                    return fail(format!(
                        "{name}: no code at {code_addr}, which {} records: was the chain reset? Remove that file to deploy afresh",
                        path.display()
                    ));
                }
                if !stylus::is_stylus(&code) {
                    return fail(format!("{name}: the code at {code_addr} is not a Stylus program (no 0xEFF0 prefix)"));
                }
                let data = StylusDeployer::deployCall {
                    bytecode: stylus::initcode(&code).into(),
                    initData: stylus::constructor_calldata(me),
                    initValue: U256::ZERO,
                    salt: B256::ZERO,
                }
                .abi_encode();
                let sent = ctx.send_call(&format!("deploy {name}"), a.stylus_deployer, data.into(), U256::ZERO).await?;
                let addr = sent
                    .receipt
                    .inner
                    .logs()
                    .iter()
                    .find_map(|l| l.log_decode::<StylusDeployer::ContractDeployed>().ok())
                    .map(|l| l.inner.data.deployedContract)
                    .ok_or_else(|| Error(format!("{name}: no ContractDeployed event in {}", sent.hash)))?;
                let deployed = ctx.provider.get_code_at(addr).await.map_err(|e| explain("eth_getCode", e))?;
                let r = d.record(&name);
                r.address = Some(addr);
                r.tx = Some(sent.hash);
                r.block = Some(sent.block);
                r.code_hash = Some(alloy::primitives::keccak256(&deployed));
                deployment::save(&path, &d)?;
                say(format!("        {name} at {addr} (tx {}, block {}, gas {})", sent.hash, sent.block, sent.gas_used));
            }
            Step::Initialize(name) => {
                let w = wiring(&d)?;
                let (_, now) = ctx.head().await?;
                let data = config.initialize_calldata(&name, &w, now)?;
                let to = d.address(&name)?;
                say(format!("[{n}/{total}] {name}: initialize (collective.json's arguments)"));
                let tx = TransactionRequest::default().with_from(me).with_to(to).with_input(data.clone());
                let (hash, block) = match ctx.provider.call(&tx).await {
                    Err(e) if crate::chain::revert_of(&e).as_ref().and_then(|r| r.name()) == Some("AlreadyInitialized") => {
                        say("        already initialized on chain (a previous run's transaction): recorded as done");
                        (B256::ZERO, ctx.head().await?.0)
                    }
                    Err(e) => return Err(explain(&format!("{name}.initialize would revert"), e)),
                    Ok(_) => {
                        let sent = ctx.send_call(&format!("initialize {name}"), to, data, U256::ZERO).await?;
                        if !ctx.verbose {
                            say(format!("        tx {} (block {}, gas {})", sent.hash, sent.block, sent.gas_used));
                        }
                        (sent.hash, sent.block)
                    }
                };
                if name == "FractionToken" {
                    d.sale_start = Some(config.sale_start(now)?.saturating_to());
                }
                if name == "ArtVault" {
                    d.redeem_fee_bps = Some(config.num("vault", "redeemFeeBps")?.saturating_to());
                }
                let r = d.record(&name);
                r.initialize_tx = Some(hash);
                r.initialize_block = Some(block);
                deployment::save(&path, &d)?;
            }
            Step::Verify => {
                say(format!("[{n}/{total}] verify the wiring and that the admin is gone"));
                verify(ctx, &d, &config).await?;
                d.complete = true;
                deployment::save(&path, &d)?;
            }
        }
    }
    let mut rep = Report::new(serde_json::to_value(&d).unwrap_or_default());
    rep.line(format!("collective deployed on chain {} ({}):", d.chain_id, path.display()));
    for name in &config.order {
        rep.line(format!("  {name:<17} {}", d.address(name)?));
    }
    let r = &d.roles;
    let show = |x: Option<Address>| x.map(|a| a.to_string()).unwrap_or_default();
    rep.line(format!("  keeper {}, genesis curator {}, acquirer {}", show(r.keeper), show(r.genesis_curator), show(r.acquirer)));
    rep.line("every admin right is gone: changes now go through ArtGovernor proposals");
    Ok(rep)
}

/// 1-based position of a step in the whole run.
fn step_number(step: &Step, order: &[String]) -> usize {
    let pos = |n: &str| order.iter().position(|o| o == n).unwrap_or(0);
    match step {
        Step::Upload(n) => 2 * pos(n) + 1,
        Step::Construct(n) => 2 * pos(n) + 2,
        Step::Initialize(n) => 2 * order.len() + pos(n) + 1,
        Step::Verify | Step::Done => 3 * order.len() + 1,
    }
}

fn wiring(d: &Deployment) -> Result<Wiring> {
    let role = |r: Option<Address>, what: &str| r.ok_or_else(|| Error(format!("the deployment file has no {what}")));
    Ok(Wiring {
        token: d.address("FractionToken")?,
        registry: d.address("CurationRegistry")?,
        treasury: d.address("Treasury")?,
        vault: d.address("ArtVault")?,
        governor: d.address("ArtGovernor")?,
        keeper: role(d.roles.keeper, "keeper")?,
        genesis_curator: role(d.roles.genesis_curator, "genesis curator")?,
        acquirer: role(d.roles.acquirer, "acquirer")?,
    })
}

async fn require_code(ctx: &Ctx, addr: Address, what: &str) -> Result<()> {
    let code = ctx.provider.get_code_at(addr).await.map_err(|e| explain("eth_getCode", e))?;
    if code.is_empty() {
        return fail(format!("no contract at {addr} on chain {}: {what} must be deployed there", ctx.chain_id));
    }
    Ok(())
}

/// Runs cargo-stylus for one WASM file; returns the program's address and tx.
async fn upload(ctx: &Ctx, a: &DeployArgs, wasm: &Path, me: Address) -> Result<(Address, Option<B256>)> {
    let wasm = std::fs::canonicalize(wasm).ctx(format!("cannot resolve {}", wasm.display()))?;
    let nonce = ctx.provider.get_transaction_count(me).await.map_err(|e| explain("eth_getTransactionCount", e))?;
    let work = std::env::temp_dir().join(format!("atelier-deploy-{}", std::process::id()));
    let shim = stylus::shim_workspace(&work.join("shim"))?;
    let key_file = work.join("key");
    let key = ctx.key.clone().ok_or_else(|| Error("deploy needs PRIVATE_KEY".into()))?;
    write_private(&key_file, &key)?;
    let (program, mut args) = stylus::command_line(&a.cargo_stylus)?;
    args.extend(["deploy", "--no-verify", "--wasm-file"].map(String::from));
    args.push(wasm.display().to_string());
    args.extend(["--endpoint".to_string(), ctx.rpc_url.clone(), "--private-key-path".into(), key_file.display().to_string()]);
    if let Some(fee) = &a.max_fee_per_gas_gwei {
        args.extend(["--max-fee-per-gas-gwei".to_string(), fee.clone()]);
    }
    say(format!("        $ {program} {} (key from PRIVATE_KEY via a 0600 file)", redact(&args)));
    // cargo-stylus runs for a while; nothing else is in flight meanwhile.
    let out = std::process::Command::new(&program).args(&args).current_dir(&shim).stdin(Stdio::null()).output();
    let _ = std::fs::remove_file(&key_file);
    let _ = std::fs::remove_dir_all(&work);
    let out = out.map_err(|e| Error(format!("cannot run `{}`: {e} (install cargo-stylus 0.10.10: scripts/setup, or set CARGO_STYLUS)", a.cargo_stylus)))?;
    let text = format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    for line in stylus::strip_ansi(&text).lines().filter(|l| !l.trim().is_empty()) {
        say(format!("        | {line}"));
    }
    if !out.status.success() {
        return fail(format!("cargo stylus deploy failed ({}) for {}", out.status, wasm.display()));
    }
    let (addr, tx) = stylus::parse_deploy_output(&text);
    let addr = match addr {
        Some(a) => a,
        None => {
            // Its CREATE was the deployer's next transaction.
            let guess = me.create(nonce);
            say(format!("        (no address in cargo-stylus' output; using the CREATE address of nonce {nonce}: {guess})"));
            guess
        }
    };
    require_code(ctx, addr, "the uploaded program").await?;
    Ok((addr, tx))
}

fn redact(args: &[String]) -> String {
    args.join(" ")
}

fn write_private(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    opts.mode(0o600);
    let mut f = opts.open(path).ctx(format!("cannot write {}", path.display()))?;
    f.write_all(text.trim().as_bytes()).ctx("cannot write the key file")
}

/// Reads back every contract's wiring and checks `initialize` is closed.
async fn verify(ctx: &Ctx, d: &Deployment, config: &Config) -> Result<()> {
    let w = wiring(d)?;
    let p = ctx.provider.clone();
    let e = |what: &'static str| move |err| explain_contract(what, err);
    let mut problems = Vec::new();
    let mut check = |what: &str, got: Address, want: Address| {
        if got != want {
            problems.push(format!("{what} is {got}, expected {want}"));
        }
    };
    let token = FractionToken::new(w.token, p.clone());
    check("FractionToken.vault", token.vault().call().await.map_err(e("vault"))?._0, w.vault);
    check("FractionToken.treasury", token.treasury().call().await.map_err(e("treasury"))?._0, w.treasury);
    check("FractionToken.registry", token.registry().call().await.map_err(e("registry"))?._0, w.registry);
    let keeper = token.param(10).call().await.map_err(e("param"))?._0;
    check("FractionToken keeper", Address::from_word(keeper.into()), w.keeper);
    let reg = CurationRegistry::new(w.registry, p.clone());
    check("CurationRegistry.token", reg.token().call().await.map_err(e("token"))?._0, w.token);
    check("CurationRegistry.vault", reg.vault().call().await.map_err(e("vault"))?._0, w.vault);
    check("CurationRegistry.treasury", reg.treasury().call().await.map_err(e("treasury"))?._0, w.treasury);
    let t = Treasury::new(w.treasury, p.clone()).wiring().call().await.map_err(e("wiring"))?;
    check("Treasury.token", t._0, w.token);
    check("Treasury.registry", t._1, w.registry);
    check("Treasury.vault", t._2, w.vault);
    let v = ArtVault::new(w.vault, p.clone()).wiring().call().await.map_err(e("wiring"))?;
    check("ArtVault.token", v._0, w.token);
    check("ArtVault.registry", v._1, w.registry);
    check("ArtVault.treasury", v._2, w.treasury);
    check("ArtVault.governor", v._3, w.governor);
    let g = ArtGovernor::new(w.governor, p.clone()).wiring().call().await.map_err(e("wiring"))?;
    check("ArtGovernor.vault", g._0, w.vault);
    check("ArtGovernor.token", g._1, w.token);
    check("ArtGovernor.registry", g._2, w.registry);
    check("ArtGovernor.treasury", g._3, w.treasury);
    // A second initialize by the former admin must be refused by every contract.
    let me = d.deployer.unwrap_or_default();
    let (_, now) = ctx.head().await?;
    for name in &config.order {
        let data: Bytes = config.initialize_calldata(name, &w, now)?;
        let tx = TransactionRequest::default().with_from(me).with_to(d.address(name)?).with_input(data);
        match ctx.provider.call(&tx).await {
            Ok(_) => problems.push(format!("{name}.initialize is still open")),
            Err(err) => {
                let why = crate::chain::revert_of(&err).map(|r| r.to_string()).unwrap_or_else(|| err.to_string());
                say(format!("        {name}: wired; initialize now refused ({why})"));
            }
        }
    }
    if !problems.is_empty() {
        return fail(format!("verification failed: {}", problems.join("; ")));
    }
    let _ = errors::known_count();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_numbered_in_run_order() {
        let order: Vec<String> = crate::bindings::CONTRACTS.iter().map(|s| s.to_string()).collect();
        assert_eq!(step_number(&Step::Upload("FractionToken".into()), &order), 1);
        assert_eq!(step_number(&Step::Construct("FractionToken".into()), &order), 2);
        assert_eq!(step_number(&Step::Construct("ArtGovernor".into()), &order), 10);
        assert_eq!(step_number(&Step::Initialize("FractionToken".into()), &order), 11);
        assert_eq!(step_number(&Step::Verify, &order), 16);
    }
}
