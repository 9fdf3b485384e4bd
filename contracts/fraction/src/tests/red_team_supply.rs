//! Red team of the supply kept only as the head of `total_supply_checkpoints`
//! (no separate `total_supply` field): every test plays one way the two could
//! come apart — a mint or burn path that skips the checkpoint, a read before
//! the first checkpoint, mints and burns in one second, values at the cap, the
//! `maxSupply` floor and the sale floor reading a stale supply — and asserts
//! the safe behaviour, so it fails if the attack works.
use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use atelier_common::{
    clock::test_clock,
    errors::{MathOverflow, ParamOutOfBounds},
    params::fraction,
};
use motsu::prelude::*;
use proptest::prelude::*;
use stylus_sdk::storage::StorageU256;

use super::*;
use crate::{config::SUPPLY_CAP, Error, FractionToken, MaxSupplyExceeded};

/// A treasury quoting a settable sale floor `(bid, backing)`.
#[storage]
pub struct Floored {
    bid: StorageU256,
    backing: StorageU256,
}

unsafe impl TopLevelStorage for Floored {}

#[public]
impl Floored {
    #[receive]
    fn receive(&mut self) -> Result<(), Vec<u8>> {
        Ok(())
    }

    fn set_floor(&mut self, bid: U256, backing: U256) {
        self.bid.set(bid);
        self.backing.set(backing);
    }

    fn sale_floor(&self) -> (U256, U256) {
        (self.bid.get(), self.backing.get())
    }
}

/// Asserts `err` is exactly `expected` (same revert data).
#[track_caller]
fn assert_err(err: Error, expected: impl Into<Error>) {
    let expected = expected.into();
    let shown = format!("{err:?} vs {expected:?}");
    assert_eq!(Vec::<u8>::from(err), Vec::<u8>::from(expected), "{shown}");
}

fn supply(token: &Contract<FractionToken>) -> U256 {
    token.sender(Address::ZERO).total_supply()
}

fn past_supply(token: &Contract<FractionToken>, t: u64) -> U256 {
    token.sender(Address::ZERO).get_past_total_supply(U256::from(t)).motsu_unwrap()
}

fn max_supply_out_of_bounds(value: U256, min: U256) -> ParamOutOfBounds {
    ParamOutOfBounds { key: fraction::MAX_SUPPLY, value, min, max: SUPPLY_CAP }
}

/// Attack: read the supply before its first checkpoint (an empty trace's
/// head), hoping for garbage or a division by zero. Before any mint the supply
/// is 0 now and at every past second, `maxSupply` may go down to its hard
/// floor of 1 (and no lower), and the sale floor divides the backing by one
/// unit, not by zero: a backing with no shares makes the sale dear, not free.
#[motsu::test]
fn the_supply_before_the_first_checkpoint_is_zero(token: Contract<FractionToken>, treasury: Contract<Floored>) {
    let roles = wired(&token, treasury.address());
    assert_eq!(supply(&token), U256::ZERO);
    test_clock::set(START + 10);
    for t in [0, START - 1, START, START + 9] {
        assert_eq!(past_supply(&token, t), U256::ZERO, "at {t}");
    }
    // The sale floor with backing but no shares.
    treasury.sender(roles.admin).set_floor(U256::ZERO, WAD);
    assert_eq!(token.sender(roles.admin).quote_buy(SHARE).motsu_unwrap(), SHARE * WAD);
    treasury.sender(roles.admin).set_floor(U256::ZERO, U256::ZERO);
    // maxSupply down to 1 unit, not 0.
    let err = token.sender(roles.vault).set_param(fraction::MAX_SUPPLY, U256::ZERO).motsu_unwrap_err();
    assert_err(err, max_supply_out_of_bounds(U256::ZERO, U256::from(1)));
    token.sender(roles.vault).set_param(fraction::MAX_SUPPLY, U256::from(1)).motsu_unwrap();
    let alice = Address::from_tag("alice");
    token.sender(roles.vault).mint(alice, U256::from(1)).motsu_unwrap();
    let err = token.sender(roles.vault).mint(alice, U256::from(1)).motsu_unwrap_err();
    assert_err(err, MaxSupplyExceeded { supply: U256::from(2), maxSupply: U256::from(1) });
    assert_eq!(supply(&token), U256::from(1));
}

/// Attack: lower `maxSupply` under the live supply after a burn and a mint in
/// the same second (the bound must read the rewritten head, not the second's
/// first value nor the previous second's), then mint past it. The floor is the
/// supply after the last of them, to the unit, and the cap holds it exactly.
#[motsu::test]
fn the_max_supply_floor_follows_every_mint_and_burn_in_a_second(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    let roles = wired(&token, treasury);
    test_clock::set(START + 1);
    token.sender(roles.vault).mint(alice, shares(10)).motsu_unwrap();
    token.sender(alice).burn(shares(4)).motsu_unwrap();
    let floor = shares(6);
    let err = token.sender(roles.vault).set_param(fraction::MAX_SUPPLY, floor - U256::from(1)).motsu_unwrap_err();
    assert_err(err, max_supply_out_of_bounds(floor - U256::from(1), floor));
    token.sender(roles.vault).mint(bob, shares(1)).motsu_unwrap();
    let floor = shares(7);
    let err = token.sender(roles.vault).set_param(fraction::MAX_SUPPLY, floor - U256::from(1)).motsu_unwrap_err();
    assert_err(err, max_supply_out_of_bounds(floor - U256::from(1), floor));
    token.sender(roles.vault).set_param(fraction::MAX_SUPPLY, floor).motsu_unwrap();
    let err = token.sender(roles.vault).mint(bob, U256::from(1)).motsu_unwrap_err();
    assert_err(err, MaxSupplyExceeded { supply: floor + U256::from(1), maxSupply: floor });
    // A burn of one unit frees exactly one unit, in the same second.
    token.sender(roles.vault).burn_from(bob, U256::from(1)).motsu_unwrap();
    token.sender(roles.vault).mint(alice, U256::from(1)).motsu_unwrap();
    assert_eq!(supply(&token), floor);
    assert_eq!(token.sender(alice).balance_of(alice) + token.sender(bob).balance_of(bob), floor);
    // The second's one checkpoint holds its final value; the one before, none.
    test_clock::set(START + 2);
    assert_eq!(past_supply(&token, START), U256::ZERO);
    assert_eq!(past_supply(&token, START + 1), floor);
}

/// Attack: push the supply to the hard cap (2^85 - 1) and past it: a mint
/// that would overflow 256 bits, or land above 176 bits where the trace would
/// saturate, or one unit over the cap. Each is refused before the checkpoint
/// moves; the cap itself is held exactly now and in the past, and burning it
/// all returns to zero.
#[motsu::test]
fn the_supply_is_exact_at_the_cap_and_refused_past_it(
    token: Contract<FractionToken>,
    treasury: Address,
    alice: Address,
    bob: Address,
) {
    let roles = wired(&token, treasury);
    token.sender(roles.vault).set_param(fraction::MAX_SUPPLY, SUPPLY_CAP).motsu_unwrap();
    token.sender(roles.vault).mint(alice, SUPPLY_CAP - U256::from(1)).motsu_unwrap();
    token.sender(roles.vault).mint(bob, U256::from(1)).motsu_unwrap();
    assert_eq!(supply(&token), SUPPLY_CAP);
    let over = |value: U256| MaxSupplyExceeded { supply: SUPPLY_CAP + value, maxSupply: SUPPLY_CAP };
    for value in [U256::from(1), U256::from(1) << 96, U256::from(1) << 176, (U256::from(1) << 208) - U256::from(1)] {
        assert_err(token.sender(roles.vault).mint(bob, value).motsu_unwrap_err(), over(value));
    }
    assert_err(token.sender(roles.vault).mint(bob, U256::MAX).motsu_unwrap_err(), MathOverflow {});
    assert_eq!(supply(&token), SUPPLY_CAP);
    assert_eq!(token.sender(alice).balance_of(alice) + token.sender(bob).balance_of(bob), SUPPLY_CAP);
    test_clock::set(START + 1);
    assert_eq!(past_supply(&token, START), SUPPLY_CAP);
    token.sender(alice).burn(SUPPLY_CAP - U256::from(1)).motsu_unwrap();
    token.sender(bob).burn(U256::from(1)).motsu_unwrap();
    assert_eq!(supply(&token), U256::ZERO);
    test_clock::set(START + 2);
    assert_eq!(past_supply(&token, START), SUPPLY_CAP);
    assert_eq!(past_supply(&token, START + 1), U256::ZERO);
}

/// Attack: buy below the backing per share while the supply the sale floor
/// divides by is stale — right after a burn in the same second (an inflated
/// supply would dilute the backing per share and let a buyer in cheap), or
/// after a mint. The floor divides by the live `totalSupply` at every step, and
/// the shares a buy mints enter both the supply and its checkpoint.
#[motsu::test]
fn the_sale_floor_divides_by_the_live_supply(
    token: Contract<FractionToken>,
    treasury: Contract<Floored>,
    buyer: Contract<Wallet>,
    alice: Address,
    bob: Address,
) {
    let roles = wired(&token, treasury.address());
    let backing = U256::from(100u8) * WAD; // 100 ETH
    treasury.sender(roles.admin).set_floor(U256::ZERO, backing);
    let quote = || token.sender(alice).quote_buy(SHARE).motsu_unwrap();
    // ceil(1 share * backing / supply).
    let floor = |supply: U256| (SHARE * backing).div_ceil(supply);
    token.sender(roles.vault).mint(alice, shares(100)).motsu_unwrap();
    assert_eq!(quote(), floor(shares(100)));
    assert_eq!(quote(), WAD);
    token.sender(alice).burn(shares(50)).motsu_unwrap();
    assert_eq!(quote(), floor(shares(50)));
    token.sender(roles.vault).mint(bob, shares(100)).motsu_unwrap();
    assert_eq!(quote(), floor(shares(150)));
    // A buy in the same second pays the floor and adds to the supply.
    let who = buyer.address();
    let cost = quote();
    who.fund(cost);
    assert_eq!(token.sender_and_value(who, cost).buy(SHARE, cost, U256::MAX).motsu_unwrap(), cost);
    assert_eq!(treasury.balance(), cost);
    assert_eq!(supply(&token), shares(151));
    assert_eq!(token.sender(alice).total_sold(), SHARE);
    assert_eq!(quote(), floor(shares(151)));
    test_clock::set(START + 1);
    assert_eq!(past_supply(&token, START), shares(151));
}

/// One step of [`supply_is_the_sum_of_every_balance`], on holders by index.
#[derive(Clone, Debug)]
enum Step {
    Mint(usize, u64),
    Burn(usize, u64),
    VaultBurn(usize, u64),
    Transfer(usize, usize, u64),
    Lock(usize, u64),
    Unlock(usize, u64),
    /// maxSupply := supply + this many units (at least 1 unit).
    Cap(u64),
    Tick(u64),
}

fn a_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0usize..3, 1u64..8).prop_map(|(who, n)| Step::Mint(who, n)),
        2 => (0usize..3, 1u64..8).prop_map(|(who, n)| Step::Burn(who, n)),
        1 => (0usize..3, 1u64..8).prop_map(|(who, n)| Step::VaultBurn(who, n)),
        2 => (0usize..3, 0usize..3, 1u64..8).prop_map(|(from, to, n)| Step::Transfer(from, to, n)),
        1 => (0usize..3, 1u64..8).prop_map(|(who, n)| Step::Lock(who, n)),
        1 => (0usize..3, 1u64..8).prop_map(|(who, n)| Step::Unlock(who, n)),
        1 => (0u64..12).prop_map(Step::Cap),
        2 => (0u64..3).prop_map(Step::Tick),
    ]
}

/// `n` share units of the property test: a share and a few odd units.
fn amount(n: u64) -> U256 {
    shares(n) + U256::from(n * 7)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Attack: find a mint, burn (own or the vault's), transfer, lock, unlock
    /// or cap change, alone or several in one second, after which `totalSupply`
    /// is not the sum of every balance (free and locked), exceeds `maxSupply`,
    /// lets `maxSupply` drop under it, or disagrees with `getPastTotalSupply`
    /// once the second is past. Each step is checked against a model; failed
    /// steps (short balance, over the cap) must change nothing.
    #[test]
    fn supply_is_the_sum_of_every_balance(steps in proptest::collection::vec(a_step(), 1..40)) {
        let token = Contract::<FractionToken>::new();
        let roles = wired(&token, Address::from_tag("treasury"));
        let people = [Address::from_tag("alice"), Address::from_tag("bob"), Address::from_tag("carol")];
        token.sender(roles.vault).set_param(fraction::MAX_SUPPLY, shares(20)).motsu_unwrap();
        let (mut free, mut locked, mut total, mut cap) = ([U256::ZERO; 3], [U256::ZERO; 3], U256::ZERO, shares(20));
        let mut now = START;
        // (second, supply at its end), one entry per second that saw a step.
        let mut history: Vec<(u64, U256)> = vec![(START, U256::ZERO)];
        for step in steps {
            let vault = roles.vault;
            match step.clone() {
                Step::Mint(who, n) => {
                    let v = amount(n);
                    let res = token.sender(vault).mint(people[who], v).motsu_res();
                    if total + v <= cap {
                        prop_assert!(res.is_ok(), "{:?}", step);
                        free[who] += v;
                        total += v;
                    } else {
                        let err = res.unwrap_err();
                        prop_assert_eq!(Vec::<u8>::from(err), Vec::<u8>::from(Error::from(MaxSupplyExceeded { supply: total + v, maxSupply: cap })));
                    }
                }
                Step::Burn(who, n) | Step::VaultBurn(who, n) => {
                    let v = amount(n);
                    let res = if matches!(step, Step::Burn(..)) {
                        token.sender(people[who]).burn(v).motsu_res()
                    } else {
                        token.sender(vault).burn_from(people[who], v).motsu_res()
                    };
                    prop_assert_eq!(res.is_ok(), free[who] >= v, "{:?}", step);
                    if free[who] >= v {
                        free[who] -= v;
                        total -= v;
                    }
                }
                Step::Transfer(from, to, n) => {
                    let v = amount(n);
                    let res = token.sender(people[from]).transfer(people[to], v).motsu_res();
                    prop_assert_eq!(res.is_ok(), free[from] >= v, "{:?}", step);
                    if free[from] >= v {
                        free[from] -= v;
                        free[to] += v;
                    }
                }
                Step::Lock(who, n) => {
                    let v = amount(n);
                    let res = token.sender(roles.registry).lock_shares(people[who], v).motsu_res();
                    prop_assert_eq!(res.is_ok(), free[who] >= v, "{:?}", step);
                    if free[who] >= v {
                        free[who] -= v;
                        locked[who] += v;
                    }
                }
                Step::Unlock(who, n) => {
                    let v = amount(n);
                    let res = token.sender(roles.registry).unlock_shares(people[who], v).motsu_res();
                    prop_assert_eq!(res.is_ok(), locked[who] >= v, "{:?}", step);
                    if locked[who] >= v {
                        locked[who] -= v;
                        free[who] += v;
                    }
                }
                Step::Cap(units) => {
                    let value = (total + U256::from(units)).max(U256::from(1));
                    token.sender(vault).set_param(fraction::MAX_SUPPLY, value).motsu_unwrap();
                    cap = value;
                }
                Step::Tick(dt) => {
                    now += dt;
                    test_clock::set(now);
                }
            }
            match history.last_mut() {
                Some(last) if last.0 == now => last.1 = total,
                _ => history.push((now, total)),
            }
            let t = token.sender(people[0]);
            let sum: U256 = people.iter().map(|&p| t.balance_of(p)).sum();
            let model: U256 = free.iter().chain(locked.iter()).copied().sum();
            prop_assert_eq!(t.total_supply(), total, "after {:?}", step);
            prop_assert_eq!(sum, total, "after {:?}", step);
            prop_assert_eq!(model, total);
            prop_assert_eq!(t.param(fraction::MAX_SUPPLY).motsu_unwrap(), cap);
            prop_assert!(total <= cap);
            // maxSupply cannot go under the live supply (nor under 1 unit).
            if total > U256::from(1) {
                let below = total - U256::from(1);
                let err = token.sender(vault).set_param(fraction::MAX_SUPPLY, below).motsu_unwrap_err();
                prop_assert_eq!(
                    Vec::<u8>::from(err),
                    Vec::<u8>::from(Error::from(max_supply_out_of_bounds(below, total)))
                );
            }
            // The previous second is settled.
            let t = token.sender(people[0]);
            let before = history.iter().rev().find(|h| h.0 < now).map_or(U256::ZERO, |h| h.1);
            prop_assert_eq!(t.get_past_total_supply(U256::from(now - 1)).motsu_unwrap(), before);
        }
        test_clock::set(now + 1);
        let t = token.sender(people[0]);
        for second in START - 1..=now {
            let at = history.iter().rev().find(|h| h.0 <= second).map_or(U256::ZERO, |h| h.1);
            prop_assert_eq!(t.get_past_total_supply(U256::from(second)).motsu_unwrap(), at, "supply at {}", second);
        }
        prop_assert_eq!(t.total_supply(), total);
    }
}
