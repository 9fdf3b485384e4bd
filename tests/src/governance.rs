//! Governance helpers of the red-team suites (`tests/tests/red_team*.rs`): a
//! collective after genesis, shares handed out and delegated, and typed actions.
use alloy_primitives::{keccak256, uint, Address, B256, U256};
use atelier_governor::{actions::kind, Action};

use crate::{
    test_clock,
    wiring::{deploy, Collective},
};

pub const DAY: u64 = 86_400;
/// One whole share (1e18 units); also one ether.
pub const SHARE: U256 = uint!(1_000_000_000_000_000_000_U256);

/// The test clock now.
pub fn now() -> u64 {
    test_clock::get().unwrap_or(test_clock::MOTSU_TIMESTAMP)
}

/// `n` whole shares.
pub fn shares(n: u64) -> U256 {
    SHARE * U256::from(n)
}

/// An action of kind `k` with every field zero.
pub fn action(k: u8) -> Action {
    (k, Address::ZERO, Address::ZERO, U256::ZERO, U256::ZERO, B256::ZERO, B256::ZERO, String::new().into())
}

/// Three genesis artworks (1,000 shares each to the curator), bootstrap over.
pub fn genesis() -> Collective {
    let c = deploy();
    let curator = c.people.curator.address();
    c.collection.sender(curator).set_approval_for_all(c.vault.address(), true).unwrap();
    for id in 1..=3u64 {
        c.collection.sender(curator).mint(curator, U256::from(id)).unwrap();
        c.vault
            .sender(curator)
            .deposit(c.collection.address(), U256::from(id), keccak256(id.to_be_bytes()), B256::ZERO, B256::ZERO, curator, String::new().into())
            .unwrap();
    }
    c.vault.sender(curator).end_bootstrap().unwrap();
    c
}

/// A governor parameter of the deployment, seconds or units.
pub fn gov(c: &Collective, key: &str) -> u64 {
    c.cfg("governor", key).to::<u64>()
}

/// A proposal's state.
pub fn state_of(c: &Collective, id: U256) -> u8 {
    c.governor.sender(c.people.stranger.address()).state(id).unwrap()
}

/// Gives `who` `n` of the curator's shares and has everyone self-delegate.
pub fn hand_out(c: &Collective, to: &[(Address, u64)]) {
    let curator = c.people.curator.address();
    for (who, n) in to {
        c.token.sender(curator).transfer(*who, shares(*n)).unwrap();
        c.token.sender(*who).delegate(*who).unwrap();
    }
    c.token.sender(curator).delegate(curator).unwrap();
    test_clock::advance(1);
}

/// ReleaseArtwork `artwork` to `to`.
pub fn release(artwork: u64, to: Address) -> Action {
    let mut a = action(kind::RELEASE_ARTWORK);
    a.2 = to;
    a.3 = U256::from(artwork);
    a
}

/// GrantExhibition of `artwork` to `to` until `until`.
pub fn exhibition(artwork: u64, to: Address, until: u64) -> Action {
    let mut a = action(kind::GRANT_EXHIBITION);
    a.2 = to;
    a.3 = U256::from(artwork);
    a.4 = U256::from(until);
    a
}

/// WithdrawReserve of `amount` wei to `to`.
pub fn withdraw(to: Address, amount: U256) -> Action {
    let mut a = action(kind::WITHDRAW_RESERVE);
    a.2 = to;
    a.4 = amount;
    a
}
