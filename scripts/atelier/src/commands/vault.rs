//! The vault: deposit an artwork, redeem one, end bootstrap; licenses.
use alloy::{
    primitives::U256,
    sol_types::SolCall,
};
use serde_json::json;

use crate::{
    bindings::{ArtGovernor, ArtVault, Treasury, IERC721},
    chain::{explain_contract, Ctx, Report},
    cli::{AcquireArgs, DepositArgs, LicenseCommand, RedeemArgs},
    commands::ensure_free_shares,
    util::{fail, fmt_amount, fmt_time, parse_b32, Result},
};

pub async fn deposit(ctx: &mut Ctx, a: DepositArgs) -> Result<Report> {
    let me = ctx.sender()?;
    let vaddr = ctx.addr("ArtVault")?;
    let nft = IERC721::new(a.collection, ctx.provider.clone());
    let owner = nft.ownerOf(a.token_id).call().await.map_err(|e| explain_contract("collection.ownerOf", e))?._0;
    if owner != me {
        return fail(format!("deposit: token {} of {} belongs to {owner}, not to you ({me})", a.token_id, a.collection));
    }
    let mut rep = Report::default();
    let approved = nft.getApproved(a.token_id).call().await.map(|r| r._0 == vaddr).unwrap_or(false)
        || nft.isApprovedForAll(me, vaddr).call().await.map(|r| r._0).unwrap_or(false);
    let mut approval = None;
    if !approved {
        let data = IERC721::approveCall { to: vaddr, tokenId: a.token_id }.abi_encode();
        let s = ctx.send_call(&format!("approve the vault for token {}", a.token_id), a.collection, data.into(), U256::ZERO).await?;
        rep.line(format!("approved the vault for token {}: {}", a.token_id, s.summary()));
        approval = Some(s);
    }
    let (seed, _) = parse_b32(&a.seed);
    let (model_id, _) = parse_b32(&a.model_id);
    let (prompt_hash, _) = parse_b32(&a.prompt);
    let data = ArtVault::depositCall {
        collection: a.collection,
        token_id: a.token_id,
        seed,
        model_id,
        prompt_hash,
        artist: a.artist.unwrap_or(me),
        uri: a.uri.clone(),
    }
    .abi_encode();
    let sent = ctx.send_call(&format!("deposit token {}", a.token_id), vaddr, data.into(), U256::ZERO).await?;
    let ev = sent.receipt.inner.logs().iter().find_map(|l| l.log_decode::<ArtVault::ArtworkDeposited>().ok());
    let (artwork, shares) = ev.map(|e| (e.inner.data.artworkId, e.inner.data.shares)).unwrap_or_default();
    rep.json = json!({
        "action": "deposit", "artworkId": artwork.to_string(), "shares": shares.to_string(), "seed": seed,
        "approval": approval.map(|s| s.json()), "transaction": sent.json(),
    });
    rep.line(format!("deposited as artwork {artwork}: steward token {artwork} and {} shares to you", fmt_amount(shares)));
    rep.line(sent.summary());
    Ok(rep)
}

/// The vault's redemption fee: its latest `ParamSet(REDEEM_FEE_BPS)`, else the
/// deployment's initial value.
pub async fn redeem(ctx: &mut Ctx, a: RedeemArgs) -> Result<Report> {
    ctx.sender()?;
    let vaddr = ctx.addr("ArtVault")?;
    let art = ctx.view("artwork", vaddr, &ArtVault::artworkCall { artwork_id: a.artwork }).await?;
    if !art._8 {
        return fail(format!("redeem: artwork {} is no longer in the vault", a.artwork));
    }
    // The artwork's pro-rata claim on the supply (at least its issued shares) and
    // the fee, both burned.
    let cost = ctx.view("redemptionCost", vaddr, &ArtVault::redemptionCostCall { artwork_id: a.artwork }).await?;
    let (shares, fee) = (cost._0, cost._1);
    // No approval: the token lets the vault burn its caller's shares.
    ensure_free_shares(ctx, shares + fee).await?;
    let mut rep = Report::default();
    let data = ArtVault::redeemCall { artwork_id: a.artwork }.abi_encode();
    let sent = ctx.send_call(&format!("redeem artwork {}", a.artwork), vaddr, data.into(), U256::ZERO).await?;
    rep.json = json!({
        "action": "redeem", "artworkId": a.artwork.to_string(), "sharesBurned": shares.to_string(), "fee": fee.to_string(),
        "collection": art._0, "tokenId": art._1.to_string(), "transaction": sent.json(),
    });
    rep.line(format!(
        "redeemed artwork {}: {} shares burned, plus {} shares fee (burned too); token {} of {} is yours",
        a.artwork,
        fmt_amount(shares),
        fmt_amount(fee),
        art._1,
        art._0
    ));
    rep.line(sent.summary());
    Ok(rep)
}

pub async fn end_bootstrap(ctx: &mut Ctx) -> Result<Report> {
    ctx.sender()?;
    let vaddr = ctx.addr("ArtVault")?;
    let sent = ctx.send_call("endBootstrap", vaddr, ArtVault::endBootstrapCall {}.abi_encode().into(), U256::ZERO).await?;
    let mut rep = Report::new(json!({"action": "endBootstrap", "transaction": sent.json()}));
    rep.line("bootstrap ended: genesis deposits are closed");
    rep.line(sent.summary());
    Ok(rep)
}

pub async fn license(ctx: &mut Ctx, c: LicenseCommand) -> Result<Report> {
    let gaddr = ctx.addr("ArtGovernor")?;
    let gov = ArtGovernor::new(gaddr, ctx.provider.clone());
    let id = match c {
        LicenseCommand::Activate { license } | LicenseCommand::Show { license } => license,
    };
    let l = gov.license(id).call().await.map_err(|e| explain_contract("license", e))?;
    let info = json!({"licenseId": id.to_string(), "artworkId": l._0.to_string(), "licensee": l._1, "termsHash": l._2, "fee": l._3.to_string(), "active": l._4});
    match c {
        LicenseCommand::Show { .. } => {
            let mut rep = Report::new(info);
            rep.line(format!(
                "license {id}: artwork {}, licensee {}, fee {} ETH, terms {}, {}",
                l._0,
                l._1,
                fmt_amount(l._3),
                l._2,
                if l._4 { "active" } else { "not yet active" }
            ));
            Ok(rep)
        }
        LicenseCommand::Activate { .. } => {
            let me = ctx.sender()?;
            if l._1 != me {
                return fail(format!("license activate: license {id} is for {}, not for you ({me})", l._1));
            }
            let data = ArtGovernor::activateLicenseCall { license_id: id }.abi_encode();
            let sent = ctx.send_call(&format!("activate license {id}"), gaddr, data.into(), l._3).await?;
            let (_, now) = ctx.head().await?;
            let mut rep = Report::new(json!({"action": "activateLicense", "license": info, "transaction": sent.json()}));
            rep.line(format!("license {id} active: paid {} ETH to the treasury ({})", fmt_amount(l._3), fmt_time(now)));
            rep.line(sent.summary());
            Ok(rep)
        }
    }
}


pub async fn acquire(ctx: &mut Ctx, a: AcquireArgs) -> Result<Report> {
    ctx.sender()?;
    let taddr = ctx.addr("Treasury")?;
    let nft = IERC721::new(a.collection, ctx.provider.clone());
    let approved = nft.getApproved(a.token_id).call().await.map(|r| r._0 == taddr).unwrap_or(false)
        || nft.isApprovedForAll(a.seller, taddr).call().await.map(|r| r._0).unwrap_or(false);
    if !approved {
        return fail(format!("acquire: the seller {} has not approved the treasury {taddr} for token {}", a.seller, a.token_id));
    }
    let data = Treasury::acquireCall {
        collection: a.collection,
        token_id: a.token_id,
        seller: a.seller,
        price: a.price.0,
        seed: parse_b32(&a.seed).0,
        model_id: parse_b32(&a.model_id).0,
        prompt_hash: parse_b32(&a.prompt).0,
        artist: a.artist,
        uri: a.uri.clone(),
        deadline: ctx.deadline().await?,
    }
    .abi_encode();
    let sent = ctx.send_call(&format!("acquire token {}", a.token_id), taddr, data.into(), U256::ZERO).await?;
    let artwork = sent
        .receipt
        .inner
        .logs()
        .iter()
        .find_map(|l| l.log_decode::<Treasury::Acquired>().ok())
        .map(|l| l.inner.data.artworkId)
        .unwrap_or_default();
    let mut rep = Report::new(json!({"action": "acquire", "artworkId": artwork.to_string(), "price": a.price.0.to_string(), "transaction": sent.json()}));
    rep.line(format!("acquired token {} of {} for {} ETH: artwork {artwork} in the vault", a.token_id, a.collection, fmt_amount(a.price.0)));
    rep.line(sent.summary());
    Ok(rep)
}
