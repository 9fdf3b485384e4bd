//! Governance: delegate, propose (each typed action), vote, queue/execute, veto, cancel.
use alloy::{
    primitives::{keccak256, Address, B256, U256},
    rpc::types::Filter,
    sol_types::{SolCall, SolEvent},
};
use serde_json::json;

use crate::{
    bindings::{ArtGovernor, ArtVault, FractionToken},
    chain::{explain_contract, Ctx, Report},
    cli::{DelegateArgs, ExecuteArgs, ExitArgs, ParamTarget, ProposalArg, ProposeAction, ProposeArgs, Support, VetoArgs, VoteArgs},
    params,
    util::{fail, fmt_amount, fmt_time, parse_b32, Result},
};

/// A governance action: (kind, target, account, id, amount, h1, h2, uri).
pub type Action = (u8, Address, Address, U256, U256, B256, B256, String);

/// The contracts a SetParams action may target.
#[derive(Debug, Clone, Copy)]
pub struct Targets {
    pub token: Address,
    pub registry: Address,
    pub treasury: Address,
    pub vault: Address,
}

/// Proposal states as `state()` returns them.
pub const STATES: [&str; 9] =
    ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Vetoed", "Executed", "Expired"];

pub fn state_name(s: u8) -> &'static str {
    STATES.get(s as usize).copied().unwrap_or("Unknown")
}

/// Builds the typed action (fields a kind does not use stay zero, as the
/// governor requires). `now` is the chain's time, for `--days`.
pub fn build_action(a: &ProposeAction, t: &Targets, now: u64) -> Result<Action> {
    let z = (0u8, Address::ZERO, Address::ZERO, U256::ZERO, U256::ZERO, B256::ZERO, B256::ZERO, String::new());
    Ok(match a {
        ProposeAction::CreativeDirection { model_id, prompt, uri } => {
            let h2 = prompt.as_deref().map(|p| parse_b32(p).0).unwrap_or_default();
            (0, z.1, z.2, z.3, z.4, parse_b32(model_id).0, h2, uri.clone().unwrap_or_default())
        }
        ProposeAction::GrantExhibition { grantee, artwork, until, days } => {
            let until = match (until, days) {
                (Some(u), _) => *u,
                (None, Some(d)) => now.saturating_add(d.saturating_mul(86_400)),
                (None, None) => return fail("grant-exhibition: give --until (unix time) or --days"),
            };
            if until <= now {
                return fail(format!("grant-exhibition: --until {until} is not in the future (now {now})"));
            }
            (1, z.1, *grantee, *artwork, U256::from(until), z.5, z.6, z.7)
        }
        ProposeAction::License { licensee, artwork, fee, terms } => {
            (2, z.1, *licensee, *artwork, fee.0, parse_b32(terms).0, z.6, z.7)
        }
        ProposeAction::Listing { collection, depositor, token_id, shares } => {
            (3, *collection, *depositor, *token_id, shares.0, z.5, z.6, z.7)
        }
        ProposeAction::SetParam { target, key, value } => {
            let k = params::key(*target, key)?;
            let addr = match target {
                ParamTarget::Token => t.token,
                ParamTarget::Registry => t.registry,
                ParamTarget::Treasury => t.treasury,
                ParamTarget::Vault => t.vault,
            };
            (4, addr, z.2, U256::from(k), *value, z.5, z.6, z.7)
        }
        ProposeAction::Release { artwork, to } => (5, z.1, *to, *artwork, z.4, z.5, z.6, z.7),
        ProposeAction::WithdrawReserve { to, amount } => (6, z.1, *to, z.3, amount.0, z.5, z.6, z.7),
        ProposeAction::Rescue { collection, token_id, to } => (7, *collection, *to, *token_id, z.4, z.5, z.6, z.7),
    })
}

/// The `ProposalCreated` events since the deployment (all proposals).
pub async fn proposals(ctx: &mut Ctx) -> Result<Vec<ArtGovernor::ProposalCreated>> {
    let gov = ctx.addr("ArtGovernor")?;
    let (head, _) = ctx.head().await?;
    let filter = Filter::new().address(gov).event_signature(ArtGovernor::ProposalCreated::SIGNATURE_HASH);
    let logs = ctx.logs(filter, ctx.start_block(), head, ctx.log_chunk).await?;
    Ok(logs.iter().filter_map(|l| l.log_decode::<ArtGovernor::ProposalCreated>().ok().map(|l| l.inner.data)).collect())
}

fn targets(ctx: &mut Ctx) -> Result<Targets> {
    Ok(Targets {
        token: ctx.addr("FractionToken")?,
        registry: ctx.addr("CurationRegistry")?,
        treasury: ctx.addr("Treasury")?,
        vault: ctx.addr("ArtVault")?,
    })
}

pub async fn delegate(ctx: &mut Ctx, a: DelegateArgs) -> Result<Report> {
    let me = ctx.sender()?;
    let to = a.to.unwrap_or(me);
    let taddr = ctx.addr("FractionToken")?;
    let sent = ctx.send_call(&format!("delegate to {to}"), taddr, FractionToken::delegateCall { delegatee: to }.abi_encode().into(), U256::ZERO).await?;
    let votes = FractionToken::new(taddr, ctx.provider.clone()).getVotes(to).call().await.map_err(|e| explain_contract("getVotes", e))?._0;
    let mut rep = Report::new(json!({"action": "delegate", "to": to, "votes": votes.to_string(), "transaction": sent.json()}));
    rep.line(format!("delegated to {to}, who now has {} votes", fmt_amount(votes)));
    rep.line(sent.summary());
    Ok(rep)
}

pub async fn propose(ctx: &mut Ctx, a: ProposeArgs) -> Result<Report> {
    ctx.sender()?;
    let Some(description) = a.description.clone().filter(|d| !d.trim().is_empty()) else {
        return fail("propose: give the proposal a --description");
    };
    let t = targets(ctx)?;
    let (_, now) = ctx.head().await?;
    let action = build_action(&a.action, &t, now)?;
    let gaddr = ctx.addr("ArtGovernor")?;
    let data = ArtGovernor::proposeCall { actions: vec![action.clone()], description: description.clone() }.abi_encode();
    let sent = ctx.send_call("propose", gaddr, data.into(), U256::ZERO).await?;
    let created = sent.receipt.inner.logs().iter().find_map(|l| l.log_decode::<ArtGovernor::ProposalCreated>().ok());
    let Some(created) = created else {
        return fail(format!("propose: {} has no ProposalCreated event", sent.hash));
    };
    let p = created.inner.data;
    let mut rep = Report::new(json!({
        "action": "propose", "proposalId": p.proposalId.to_string(), "kind": action.0,
        "voteStart": p.voteStart.to_string(), "voteEnd": p.voteEnd.to_string(),
        "descriptionHash": keccak256(description.as_bytes()), "transaction": sent.json(),
    }));
    rep.line(format!("proposal {} created (action kind {})", p.proposalId, action.0));
    rep.line(format!("voting from {} to {}", fmt_time(p.voteStart.saturating_to()), fmt_time(p.voteEnd.saturating_to())));
    rep.line(sent.summary());
    Ok(rep)
}

pub async fn vote(ctx: &mut Ctx, a: VoteArgs) -> Result<Report> {
    ctx.sender()?;
    let gaddr = ctx.addr("ArtGovernor")?;
    let support = match a.support {
        Support::Against => 0u8,
        Support::For => 1,
        Support::Abstain => 2,
    };
    let data = match &a.reason {
        Some(r) => ArtGovernor::castVoteWithReasonCall { proposal_id: a.proposal, support, reason: r.clone() }.abi_encode(),
        None => ArtGovernor::castVoteCall { proposal_id: a.proposal, support }.abi_encode(),
    };
    let sent = ctx.send_call(&format!("vote {:?} on {}", a.support, a.proposal), gaddr, data.into(), U256::ZERO).await?;
    let logs = sent.receipt.inner.logs();
    let weight = logs.iter().find_map(|l| l.log_decode::<ArtGovernor::VoteCast>().ok()).map(|l| l.inner.data.weight).unwrap_or_default();
    let extended = logs.iter().find_map(|l| l.log_decode::<ArtGovernor::ProposalExtended>().ok()).map(|l| l.inner.data.newVoteEnd);
    let mut rep = Report::new(json!({
        "action": "vote", "proposalId": a.proposal.to_string(), "support": support, "weight": weight.to_string(),
        "extendedTo": extended.map(|e| e.to_string()), "transaction": sent.json(),
    }));
    rep.line(format!("voted {:?} on proposal {} with {} votes", a.support, a.proposal, fmt_amount(weight)));
    if let Some(end) = extended {
        rep.line(format!("quorum reached late: voting extended to {} (late-quorum protection)", fmt_time(end.saturating_to())));
    }
    rep.line(sent.summary());
    Ok(rep)
}

pub async fn execute(ctx: &mut Ctx, a: ExecuteArgs) -> Result<Report> {
    ctx.sender()?;
    let gaddr = ctx.addr("ArtGovernor")?;
    let gov = ArtGovernor::new(gaddr, ctx.provider.clone());
    let id = a.proposal;
    let state = gov.state(id).call().await.map_err(|e| explain_contract("state", e))?._0;
    match state {
        4 => {
            let sent = ctx.send_call(&format!("queue {id}"), gaddr, ArtGovernor::queueCall { proposal_id: id }.abi_encode().into(), U256::ZERO).await?;
            let eta = gov.proposal(id).call().await.map_err(|e| explain_contract("proposal", e))?._3;
            let mut rep = Report::new(json!({"action": "queue", "proposalId": id.to_string(), "eta": eta.to_string(), "state": "Queued", "transaction": sent.json()}));
            rep.line(format!("proposal {id} queued; stewards may veto until {}", fmt_time(eta.saturating_to())));
            rep.line(format!("run `atelier execute {id}` again after that"));
            rep.line(sent.summary());
            Ok(rep)
        }
        5 => {
            let Some(p) = proposals(ctx).await?.into_iter().find(|p| p.proposalId == id) else {
                return fail(format!("execute: no ProposalCreated event for {id} since block {}", ctx.start_block()));
            };
            let hash = keccak256(p.description.as_bytes());
            let data = ArtGovernor::executeCall { actions: p.actions.clone(), description_hash: hash, proposer: p.proposer }.abi_encode();
            let sent = ctx.send_call(&format!("execute {id}"), gaddr, data.into(), U256::ZERO).await?;
            let mut rep = Report::new(json!({"action": "execute", "proposalId": id.to_string(), "state": "Executed", "transaction": sent.json()}));
            rep.line(format!("proposal {id} executed ({} action(s): {:?})", p.actions.len(), p.description));
            rep.line(sent.summary());
            Ok(rep)
        }
        s => fail(format!("execute: proposal {id} is {} — only a Succeeded proposal can be queued and only a Queued one executed", state_name(s))),
    }
}

pub async fn veto(ctx: &mut Ctx, a: VetoArgs) -> Result<Report> {
    let me = ctx.sender()?;
    let gaddr = ctx.addr("ArtGovernor")?;
    let tokens = if a.tokens.is_empty() { steward_tokens(ctx, me).await? } else { a.tokens.clone() };
    if tokens.is_empty() {
        return fail(format!("veto: {me} holds no steward token"));
    }
    let gov = ArtGovernor::new(gaddr, ctx.provider.clone());
    let mut rep = Report::default();
    let mut sent_all = Vec::new();
    for t in tokens {
        if gov.hasVetoed(a.proposal, t).call().await.map_err(|e| explain_contract("hasVetoed", e))?._0 {
            rep.line(format!("steward token {t} already vetoed"));
            continue;
        }
        let data = ArtGovernor::vetoCall { proposal_id: a.proposal, steward_token_id: t }.abi_encode();
        let sent = ctx.send_call(&format!("veto {} with steward token {t}", a.proposal), gaddr, data.into(), U256::ZERO).await?;
        rep.line(format!("vetoed with steward token {t}: {}", sent.summary()));
        sent_all.push(json!({"stewardToken": t.to_string(), "transaction": sent.json()}));
    }
    let state = gov.state(a.proposal).call().await.map_err(|e| explain_contract("state", e))?._0;
    rep.line(format!("proposal {} is now {}", a.proposal, state_name(state)));
    rep.json = json!({"action": "veto", "proposalId": a.proposal.to_string(), "vetoes": sent_all, "state": state_name(state)});
    Ok(rep)
}

/// Steward tokens `owner` holds now (from the vault's Transfer events).
pub async fn steward_tokens(ctx: &mut Ctx, owner: Address) -> Result<Vec<U256>> {
    let vaddr = ctx.addr("ArtVault")?;
    let (head, _) = ctx.head().await?;
    let filter = Filter::new().address(vaddr).event_signature(ArtVault::Transfer::SIGNATURE_HASH).topic2(owner.into_word());
    let logs = ctx.logs(filter, ctx.start_block(), head, ctx.log_chunk).await?;
    let vault = ArtVault::new(vaddr, ctx.provider.clone());
    let mut ids: Vec<U256> = logs.iter().filter_map(|l| l.log_decode::<ArtVault::Transfer>().ok().map(|l| l.inner.data.tokenId)).collect();
    ids.sort();
    ids.dedup();
    let mut held = Vec::new();
    for id in ids {
        if let Ok(o) = vault.ownerOf(id).call().await {
            if o._0 == owner {
                held.push(id);
            }
        }
    }
    Ok(held)
}

/// `cancel`: the proposal's actions and description come from its
/// `ProposalCreated` event; the governor recomputes the id with the sender as
/// the proposer, so only the proposer's cancel names it.
pub async fn cancel(ctx: &mut Ctx, a: ProposalArg) -> Result<Report> {
    let me = ctx.sender()?;
    let gaddr = ctx.addr("ArtGovernor")?;
    let id = a.proposal;
    let Some(p) = proposals(ctx).await?.into_iter().find(|p| p.proposalId == id) else {
        return fail(format!("cancel: no ProposalCreated event for {id} since block {}", ctx.start_block()));
    };
    if p.proposer != me {
        return fail(format!("cancel: proposal {id} was made by {}, not {me}: only its proposer can cancel it; nothing was sent", p.proposer));
    }
    let data = ArtGovernor::cancelCall { actions: p.actions.clone(), description_hash: keccak256(p.description.as_bytes()) }.abi_encode();
    let sent = ctx.send_call(&format!("cancel {id}"), gaddr, data.into(), U256::ZERO).await?;
    let mut rep = Report::new(json!({"action": "cancel", "proposalId": id.to_string(), "transaction": sent.json()}));
    rep.line(format!("proposal {id} canceled"));
    rep.line(sent.summary());
    Ok(rep)
}

/// `exit`: checked by a simulation first (a holder who may not exit sends
/// nothing), then exits: no approval, the token lets the vault burn the
/// exiting holder's shares.
pub async fn exit(ctx: &mut Ctx, a: ExitArgs) -> Result<Report> {
    let me = ctx.sender()?;
    let gaddr = ctx.addr("ArtGovernor")?;
    let shares = a.shares.0;
    let gov = ArtGovernor::new(gaddr, ctx.provider.clone());
    let state = gov.state(a.proposal).call().await.map_err(|e| explain_contract("state", e))?._0;
    if state != 5 {
        return fail(format!(
            "exit: proposal {} is {} — exit is open only while it is Queued, in its timelock: nothing was sent",
            a.proposal,
            state_name(state)
        ));
    }
    super::ensure_free_shares(ctx, shares).await?;
    if let Err(e) = gov.exit(a.proposal, shares).from(me).call().await {
        let why = match &e {
            alloy::contract::Error::TransportError(t) => crate::chain::revert_of(t),
            _ => None,
        };
        let what = why.map(|r| r.to_string()).unwrap_or_else(|| e.to_string());
        return fail(format!("exit: refused: {what} (only a holder who voted Against a queued WithdrawReserve or ReleaseArtwork proposal, before its eta, up to its vote weight): nothing was sent"));
    }
    let mut rep = Report::default();
    let data = ArtGovernor::exitCall { proposal_id: a.proposal, shares }.abi_encode();
    let sent = ctx.send_call(&format!("exit {} with {} shares", a.proposal, fmt_amount(shares)), gaddr, data.into(), U256::ZERO).await?;
    let paid = sent
        .receipt
        .inner
        .logs()
        .iter()
        .find_map(|l| l.log_decode::<ArtVault::MinorityExit>().ok())
        .map(|l| l.inner.data.paid)
        .unwrap_or_default();
    rep.json = json!({
        "action": "exit", "proposalId": a.proposal.to_string(), "shares": shares.to_string(), "paid": paid.to_string(),
        "transaction": sent.json(),
    });
    rep.line(format!("exited: burned {} shares for {} ETH of the reserve", fmt_amount(shares), fmt_amount(paid)));
    rep.line(sent.summary());
    Ok(rep)
}
