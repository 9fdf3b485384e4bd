//! Bad-input sweep: every external entry point of every contract, called with a
//! hostile argument (zero, max uint, unknown id, wrong caller, past deadline,
//! insufficient payment), reverts with the specific custom error that names it.
#![allow(deprecated)]
use alloy_primitives::{keccak256, uint, Address, B256, U256};
use alloy_sol_types::SolError;
use atelier_common::errors::{
    AlreadyInitialized, Expired, MathOverflow, ParamOutOfBounds, Unauthorized, UnknownParam, ZeroAddress,
    ZeroAmount,
};
use atelier_tests::{test_clock, wiring::{deploy, Collective}};
use motsu::prelude::*;

const SHARE: U256 = uint!(1_000_000_000_000_000_000_U256);

/// Asserts that a contract call reverts with error type `$err`.
macro_rules! refused {
    ($call:expr, $err:ty) => {{
        let data: Vec<u8> = match $call.motsu_res() {
            Ok(_) => panic!("{} must revert", stringify!($call)),
            Err(e) => e.into(),
        };
        assert_eq!(
            data.get(..4),
            Some(&<$err as SolError>::SELECTOR[..]),
            "{} reverted with the wrong error (want {})",
            stringify!($call),
            <$err as SolError>::SIGNATURE
        );
    }};
}

fn setting() -> Collective {
    let c = deploy();
    let curator = c.people.curator.address();
    c.collection.sender(curator).mint(curator, U256::from(1)).unwrap();
    c.collection.sender(curator).approve(c.vault.address(), U256::from(1)).unwrap();
    c.vault
        .sender(curator)
        .deposit(c.collection.address(), U256::from(1), keccak256("s1"), B256::ZERO, B256::ZERO, curator, String::new().into())
        .unwrap();
    c
}

#[test]
fn fraction_token_refuses_bad_input() {
    use atelier_fraction::*;
    let c = setting();
    let (alice, stranger, curator) =
        (c.people.alice.address(), c.people.stranger.address(), c.people.curator.address());
    let deployer = c.people.deployer.address();
    refused!(c.token.sender(deployer).initialize("x".into(), "x".into(), alice, alice, alice, alice, U256::from(1), U256::from(1), U256::from(1), U256::ZERO, U256::from(1), U256::from(1), U256::from(1), U256::from(1), U256::from(1)), AlreadyInitialized);
    refused!(c.token.sender(stranger).mint(stranger, SHARE), Unauthorized);
    // Stakes lock and unlock only through the registry, within the balance.
    refused!(c.token.sender(stranger).lock_shares(stranger, SHARE), Unauthorized);
    refused!(c.token.sender(c.vault.address()).unlock_shares(stranger, SHARE), Unauthorized);
    refused!(c.token.sender(c.registry.address()).lock_shares(stranger, SHARE), atelier_fraction::ERC20InsufficientBalance);
    refused!(c.token.sender(c.registry.address()).unlock_shares(stranger, SHARE), atelier_fraction::InsufficientLockedBalance);
    refused!(c.token.sender(stranger).set_param(0, U256::from(1)), Unauthorized);
    refused!(c.token.sender(c.vault.address()).set_param(200, U256::from(1)), UnknownParam);
    refused!(c.token.sender(c.vault.address()).set_param(atelier_common::params::fraction::DECAY, U256::ZERO), ParamOutOfBounds);
    refused!(c.token.sender(stranger).set_premium(SHARE), Unauthorized);
    refused!(c.token.sender(c.people.keeper.address()).set_premium(SHARE * U256::from(100)), PremiumOutOfBounds);
    refused!(c.token.sender(alice).transfer(alice, U256::MAX), ERC20InsufficientBalance);
    refused!(c.token.sender(curator).transfer(Address::ZERO, SHARE), ERC20InvalidReceiver);
    refused!(c.token.sender(stranger).transfer_from(curator, stranger, SHARE), ERC20InsufficientAllowance);
    refused!(c.token.sender(curator).approve(Address::ZERO, SHARE), ERC20InvalidSpender);
    refused!(c.token.sender(alice).burn(SHARE), ERC20InsufficientBalance);
    refused!(c.token.sender(stranger).burn_from(curator, SHARE), ERC20InsufficientAllowance);
    refused!(c.token.sender(alice).get_past_votes(alice, U256::MAX), ERC5805FutureLookup);
    refused!(c.token.sender(alice).get_past_total_supply(U256::MAX), ERC5805FutureLookup);
    refused!(c.token.sender(alice).permit(curator, alice, SHARE, U256::ZERO, 27, B256::ZERO, B256::ZERO), ERC2612ExpiredSignature);
    refused!(c.token.sender(alice).buy(U256::ZERO, U256::MAX, U256::MAX), ZeroAmount);
    let quote = c.token.sender(alice).quote_buy(SHARE).unwrap();
    alice.fund(quote);
    refused!(c.token.sender_and_value(alice, quote - U256::from(1)).buy(SHARE, U256::MAX, U256::MAX), InsufficientPayment);
    refused!(c.token.sender_and_value(alice, quote).buy(SHARE, quote - U256::from(1), U256::MAX), MaxCostExceeded);
    // A signed buy mined after its deadline (one second ago) buys nothing.
    let second_ago = U256::from(test_clock::get().unwrap_or(test_clock::MOTSU_TIMESTAMP) - 1);
    refused!(c.token.sender_and_value(alice, quote).buy(SHARE, quote, second_ago), Expired);
    refused!(c.token.sender(alice).quote_buy(U256::MAX), MathOverflow);
    // The backlog cap: out of [1 day, 365 days] either way.
    use atelier_common::params::fraction::{MAX_LAG, PAUSED};
    refused!(c.token.sender(c.vault.address()).set_param(MAX_LAG, U256::from(86_399)), ParamOutOfBounds);
    refused!(c.token.sender(c.vault.address()).set_param(MAX_LAG, U256::from(365 * 86_400 + 1)), ParamOutOfBounds);
    refused!(c.token.sender(c.vault.address()).set_param(MAX_LAG, U256::MAX), ParamOutOfBounds);
    refused!(c.token.sender(stranger).set_param(MAX_LAG, U256::from(86_400)), Unauthorized);
    // Paused: a burn on someone's allowance (a buyback sale) is refused.
    c.token.sender(curator).approve(stranger, SHARE).unwrap();
    c.token.sender(c.vault.address()).set_param(PAUSED, U256::from(1)).unwrap();
    refused!(c.token.sender(stranger).burn_from(curator, SHARE), EnforcedPause);
    refused!(c.token.sender_and_value(alice, quote).buy(SHARE, quote, U256::MAX), EnforcedPause);
    c.token.sender(c.vault.address()).set_param(PAUSED, U256::ZERO).unwrap();
}

/// The sale fails closed: a treasury that cannot quote its sale floor stops
/// `buy` and `quoteBuy` with `ExternalCallFailed(treasury)`.
#[test]
fn the_sale_fails_closed_without_a_sale_floor() {
    use atelier_fraction::*;
    let token = Contract::<FractionToken>::new();
    let mute = Contract::<atelier_testkit::Wallet>::new();
    let admin = Address::from([7u8; 20]);
    token.sender(admin).constructor(admin).unwrap();
    token
        .sender(admin)
        .initialize("x".into(), "x".into(), admin, mute.address(), admin, admin, SHARE, SHARE / U256::from(5), SHARE * U256::from(100), U256::ZERO, SHARE / U256::from(2), SHARE * U256::from(2), SHARE / U256::from(10), U256::from(3600), SHARE * U256::from(1_000_000))
        .unwrap();
    refused!(token.sender(admin).quote_buy(SHARE), atelier_common::errors::ExternalCallFailed);
    admin.fund(SHARE * U256::from(10));
    refused!(token.sender_and_value(admin, SHARE * U256::from(10)).buy(SHARE, U256::MAX, U256::MAX), atelier_common::errors::ExternalCallFailed);
}

#[test]
fn curation_registry_refuses_bad_input() {
    use atelier_curation::*;
    let c = setting();
    let (alice, stranger) = (c.people.alice.address(), c.people.stranger.address());
    refused!(c.registry.sender(c.people.deployer.address()).initialize(alice, alice, alice, U256::from(1), U256::ZERO, U256::from(3600), U256::from(3600)), AlreadyInitialized);
    refused!(c.registry.sender(alice).stake(U256::from(1), U256::ZERO), ZeroAmount);
    refused!(c.registry.sender(alice).stake(U256::from(99), SHARE), UnknownSeed);
    refused!(c.registry.sender(alice).unstake(U256::from(1), SHARE), InsufficientStake);
    refused!(c.registry.sender(alice).conviction(U256::MAX), UnknownSeed);
    refused!(c.registry.sender(alice).register_seed(B256::ZERO, B256::ZERO, B256::ZERO, String::new().into(), SHARE), ZeroSeed);
    refused!(c.registry.sender(alice).register_seed(keccak256("s1"), B256::ZERO, B256::ZERO, String::new().into(), SHARE * U256::from(10)), SeedAlreadyRegistered);
    refused!(c.registry.sender(alice).register_seed(keccak256("new"), B256::ZERO, B256::ZERO, String::new().into(), U256::from(1)), SeedStakeTooLow);
    refused!(c.registry.sender(stranger).notify_reward(), Unauthorized);
    refused!(c.registry.sender(alice).claim(), NothingToClaim);
    refused!(c.registry.sender(stranger).set_param(0, U256::from(1)), Unauthorized);
    refused!(c.registry.sender(c.vault.address()).set_param(9, U256::from(1)), UnknownParam);
    refused!(c.registry.sender(c.vault.address()).set_param(atelier_common::params::curation::HALF_LIFE, U256::ZERO), ParamOutOfBounds);
}

#[test]
fn treasury_refuses_bad_input() {
    use atelier_treasury::*;
    let c = setting();
    let (alice, stranger, acquirer) =
        (c.people.alice.address(), c.people.stranger.address(), c.people.acquirer.address());
    refused!(c.treasury.sender(c.people.deployer.address()).initialize(alice, alice, alice, alice, U256::ZERO, U256::ZERO, U256::ZERO, U256::from(3600), U256::from(1), U256::from(600), U256::from(1), U256::from(1), U256::from(1), U256::from(1)), AlreadyInitialized);
    refused!(c.treasury.sender(alice).sell_to_treasury(SHARE, U256::ZERO, U256::MAX), NoLiveRound);
    // Past their deadline (one second ago), a sale and an acquisition do nothing.
    let second_ago = U256::from(test_clock::get().unwrap_or(test_clock::MOTSU_TIMESTAMP) - 1);
    refused!(c.treasury.sender(alice).sell_to_treasury(SHARE, U256::ZERO, second_ago), Expired);
    refused!(c.treasury.sender(acquirer).acquire(c.collection.address(), U256::from(5), alice, SHARE, B256::ZERO, B256::ZERO, B256::ZERO, alice, String::new().into(), second_ago), Expired);
    c.treasury.sender(stranger).perform_upkeep(Vec::new().into()).motsu_res().unwrap();
    refused!(c.treasury.sender(stranger).perform_upkeep(Vec::new().into()), UpkeepNotNeeded);
    refused!(c.treasury.sender(stranger).acquire(c.collection.address(), U256::from(5), alice, SHARE, B256::ZERO, B256::ZERO, B256::ZERO, alice, String::new().into(), U256::MAX), Unauthorized);
    refused!(c.treasury.sender(acquirer).acquire(c.collection.address(), U256::from(5), alice, U256::MAX, B256::ZERO, B256::ZERO, B256::ZERO, alice, String::new().into(), U256::MAX), AcquisitionPriceTooHigh);
    refused!(c.treasury.sender(acquirer).acquire(c.collection.address(), U256::from(5), alice, SHARE, B256::ZERO, B256::ZERO, B256::ZERO, alice, String::new().into(), U256::MAX), InsufficientBucket);
    refused!(c.treasury.sender(stranger).withdraw_reserve(stranger, U256::from(1)), Unauthorized);
    refused!(c.treasury.sender(c.vault.address()).withdraw_reserve(stranger, U256::MAX), InsufficientBucket);
    refused!(c.treasury.sender(stranger).set_param(0, U256::from(1)), Unauthorized);
    refused!(c.treasury.sender(c.vault.address()).set_param(99, U256::from(1)), UnknownParam);
    refused!(c.treasury.sender(c.vault.address()).set_param(atelier_common::params::treasury::BUYBACK_BPS, U256::from(20_000)), ParamOutOfBounds);
    refused!(c.treasury.sender(c.vault.address()).set_param(atelier_common::params::treasury::ACQUIRER, U256::ZERO), ParamOutOfBounds);
    // The cap bid never exceeds the reference price.
    refused!(c.treasury.sender(c.vault.address()).set_param(atelier_common::params::treasury::CAP_BPS, U256::from(10_001)), ParamOutOfBounds);
    // Paused: no acquisition, no buyback sale.
    c.token.sender(c.vault.address()).set_param(atelier_common::params::fraction::PAUSED, U256::from(1)).unwrap();
    refused!(c.treasury.sender(acquirer).acquire(c.collection.address(), U256::from(5), alice, SHARE, B256::ZERO, B256::ZERO, B256::ZERO, alice, String::new().into(), U256::MAX), EnforcedPause);
    // The view answers whatever the state.
    let (cap_bid, backing) = c.treasury.sender(stranger).sale_floor();
    assert_eq!(cap_bid, U256::ZERO, "no live round");
    let _ = backing;
}

#[test]
fn vault_refuses_bad_input() {
    use atelier_vault::*;
    let c = setting();
    let (alice, stranger, curator) =
        (c.people.alice.address(), c.people.stranger.address(), c.people.curator.address());
    refused!(c.vault.sender(c.people.deployer.address()).initialize(alice, alice, alice, alice, alice, String::new().into(), U256::ZERO), AlreadyInitialized);
    c.collection.sender(stranger).mint(stranger, U256::from(9)).unwrap();
    c.collection.sender(stranger).approve(c.vault.address(), U256::from(9)).unwrap();
    refused!(c.vault.sender(stranger).deposit(c.collection.address(), U256::from(9), keccak256("s9"), B256::ZERO, B256::ZERO, stranger, String::new().into()), DepositRefused);
    refused!(c.vault.sender(stranger).record_acquisition(c.collection.address(), U256::from(9), keccak256("s9"), B256::ZERO, B256::ZERO, stranger, String::new().into()), Unauthorized);
    refused!(c.vault.sender(c.treasury.address()).record_acquisition(c.collection.address(), U256::from(9), keccak256("s9"), B256::ZERO, B256::ZERO, stranger, String::new().into()), NotInCustody);
    // A collection whose transferFrom moves nothing: the artwork never arrived, so
    // nothing is minted.
    let hollow = Contract::<atelier_testkit::HollowCollection>::new();
    refused!(c.vault.sender(curator).deposit(hollow.address(), U256::from(1), keccak256("s5"), B256::ZERO, B256::ZERO, curator, String::new().into()), NotInCustody);
    refused!(c.vault.sender(stranger).end_bootstrap(), Unauthorized);
    refused!(c.vault.sender(alice).artwork(U256::from(99)), UnknownArtwork);
    refused!(c.vault.sender(alice).redeem(U256::from(99)), UnknownArtwork);
    refused!(c.vault.sender(alice).redemption_cost(U256::from(99)), UnknownArtwork);
    refused!(c.vault.sender(alice).redemption_cost(U256::MAX), UnknownArtwork);
    // The token's refusal reaches the redeemer as the token's own error (no
    // approval is needed; the price is).
    refused!(c.vault.sender(alice).redeem(U256::from(1)), atelier_fraction::ERC20InsufficientBalance);
    refused!(c.vault.sender(alice).owner_of(U256::from(99)), ERC721NonexistentToken);
    refused!(c.vault.sender(alice).transfer_from(curator, alice, U256::from(1)), ERC721InsufficientApproval);
    refused!(c.vault.sender(curator).transfer_from(curator, Address::ZERO, U256::from(1)), ERC721InvalidReceiver);
    refused!(c.vault.sender(alice).token_uri(U256::from(99)), ERC721NonexistentToken);
    let _ = curator;
}

#[test]
fn governor_refuses_bad_input() {
    use atelier_governor::*;
    let c = setting();
    let (alice, stranger) = (c.people.alice.address(), c.people.stranger.address());
    let some = (0u8, Address::ZERO, Address::ZERO, U256::ZERO, U256::ZERO, keccak256("m"), B256::ZERO, String::new().into());
    refused!(c.governor.sender(c.people.deployer.address()).initialize(alice, alice, alice, alice, U256::ZERO, U256::from(60), U256::from(60), U256::from(100), U256::ZERO, U256::ZERO, U256::from(60), U256::ZERO), AlreadyInitialized);
    refused!(c.governor.sender(stranger).propose(vec![some.clone()], "d".into()), InsufficientProposerVotes);
    refused!(c.governor.sender(stranger).propose(vec![], "d".into()), BadActionCount);
    refused!(c.governor.sender(stranger).propose(vec![(42, Address::ZERO, Address::ZERO, U256::ZERO, U256::ZERO, B256::ZERO, B256::ZERO, String::new().into())], "d".into()), MalformedAction);
    refused!(c.governor.sender(alice).cast_vote(U256::from(123), 1), UnknownProposal);
    refused!(c.governor.sender(alice).queue(U256::from(123)), UnknownProposal);
    refused!(c.governor.sender(alice).cancel(vec![some.clone()], B256::ZERO), UnknownProposal);
    refused!(c.governor.sender(alice).exit(U256::from(123), SHARE), UnknownProposal);
    // The exit kind is the vault's own: never a proposal's action.
    refused!(c.governor.sender(stranger).propose(vec![(8, Address::ZERO, alice, U256::from(1), SHARE, B256::ZERO, B256::ZERO, String::new().into())], "d".into()), MalformedAction);
    refused!(c.governor.sender(alice).veto(U256::from(123), U256::from(1)), NotSteward);
    refused!(c.governor.sender(c.people.curator.address()).veto(U256::from(123), U256::from(1)), UnknownProposal);
    refused!(c.governor.sender(alice).state(U256::from(123)), UnknownProposal);
    refused!(c.governor.sender(alice).execute(vec![some.clone()], B256::ZERO, alice), UnknownProposal);
    // Out-of-bound governance parameters are refused at propose (the curator holds
    // the threshold): a quorum over 20%, a threshold over 10,000 shares, a vote
    // extension over 14 days.
    let curator = c.people.curator.address();
    c.token.sender(curator).delegate(curator).unwrap();
    test_clock::advance(1);
    let vault = c.vault.address();
    for (key, value) in [
        (atelier_common::params::vault::QUORUM_BPS, U256::from(2_001)),
        (atelier_common::params::vault::PROPOSAL_THRESHOLD, SHARE * U256::from(10_000) + U256::from(1)),
        (atelier_common::params::vault::VOTE_EXTENSION, U256::from(14 * 86_400 + 1)),
    ] {
        let set = (4u8, vault, Address::ZERO, U256::from(key), value, B256::ZERO, B256::ZERO, String::new().into());
        refused!(c.governor.sender(curator).propose(vec![set], "bad bound".into()), ParamOutOfBounds);
    }
    // Cancel after voting started.
    c.governor.sender(curator).propose(vec![some.clone()], "d".into()).unwrap();
    test_clock::advance(c.cfg("governor", "votingDelay").to::<u64>() + 1);
    refused!(c.governor.sender(curator).cancel(vec![some], keccak256("d")), UnexpectedProposalState);

    refused!(c.governor.sender(alice).license(U256::from(7)), UnknownLicense);
    refused!(c.governor.sender(alice).activate_license(U256::from(7)), UnknownLicense);
    // RescueToken of the vault's own steward tokens is malformed; the vault refuses
    // a rescue of anything in custody, and anyone but the governor.
    let rescue_own = (7u8, vault, alice, U256::from(1), U256::ZERO, B256::ZERO, B256::ZERO, String::new().into());
    refused!(c.governor.sender(curator).propose(vec![rescue_own], "rescue".into()), MalformedAction);
    let gov = c.governor.address();
    refused!(c.vault.sender(gov).execute_action(7, c.collection.address(), alice, U256::from(1), U256::ZERO), atelier_vault::AlreadyRecorded);
    refused!(c.vault.sender(stranger).execute_action(7, c.collection.address(), alice, U256::from(1), U256::ZERO), Unauthorized);
    // A view for galleries: an unknown artwork is simply not displayable.
    assert!(!c.governor.sender(alice).can_display(alice, U256::from(99)).unwrap());
}

#[test]
fn shared_errors_have_distinct_selectors() {
    let selectors = [
        AlreadyInitialized::SELECTOR,
        MathOverflow::SELECTOR,
        ParamOutOfBounds::SELECTOR,
        Unauthorized::SELECTOR,
        UnknownParam::SELECTOR,
        ZeroAddress::SELECTOR,
        ZeroAmount::SELECTOR,
    ];
    for (i, a) in selectors.iter().enumerate() {
        for b in &selectors[i + 1..] {
            assert_ne!(a, b);
        }
    }
}
